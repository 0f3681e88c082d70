namespace EdgeAgent.Governance;

/// <summary>The model or rule that proposed an action, with its version.</summary>
public sealed record DecisionMethod
{
    /// <summary><c>model</c> or <c>rule</c>.</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }
}
