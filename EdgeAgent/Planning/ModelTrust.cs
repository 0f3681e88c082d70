namespace EdgeAgent.Planning;

/// <summary>
/// Whether the models may plan, kept in the store: a drift alarm that switched planning to the rule
/// stays in force across a restart until a person re-enables the models.
/// </summary>
public sealed class ModelTrust
{
    public const string SingletonId = "models";

    public string Id { get; set; } = SingletonId;

    public bool Latched { get; set; }

    /// <summary>The alarm that switched the models off, in words.</summary>
    public string? Reason { get; set; }

    public DateTime? LatchedAt { get; set; }

    public string? ReenabledBy { get; set; }

    public DateTime? ReenabledAt { get; set; }
}
