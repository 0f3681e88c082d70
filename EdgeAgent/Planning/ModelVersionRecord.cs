namespace EdgeAgent.Planning;

/// <summary>
/// Which version of one model decides, and which one a rollback returns to; a directory of null is the
/// model shipped with the agent. Kept in the store so a restart comes back on the promoted version.
/// </summary>
public sealed class ModelVersionRecord
{
    public const string Collection = "model_versions";

    /// <summary>The model's name (<c>pick-duration</c>, <c>late-risk</c>).</summary>
    public string Id { get; set; } = "";

    public string? ActiveDirectory { get; set; }

    public string? PreviousDirectory { get; set; }

    public bool HasPrevious { get; set; }
}
