namespace EdgeAgent.Governance;

/// <summary>The decision right that applied to one action: its mode, the scope that matched and the threshold.</summary>
public sealed record AppliedRight
{
    public const string DefaultScope = "default";

    public required DecisionMode Mode { get; init; }

    /// <summary>The matching scope's conditions, or <see cref="DefaultScope"/>.</summary>
    public required string Scope { get; init; }

    public required double Threshold { get; init; }

    public required DecisionRight Right { get; init; }
}
