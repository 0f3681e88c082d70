namespace EdgeAgent.Governance;

/// <summary>The matrix an admin set at run time, stored so it outlives a restart (collection <c>governance</c>).</summary>
public sealed class RightsDocument
{
    public const string SingletonId = "rights";

    public string Id { get; set; } = SingletonId;

    public long Revision { get; set; }

    /// <summary>The rows as JSON, in the shape of <see cref="DecisionRightOptions"/>.</summary>
    public string Matrix { get; set; } = "{}";

    public string ChangedBy { get; set; } = "";

    public DateTime ChangedAt { get; set; }

    public long AuditSeq { get; set; }
}
