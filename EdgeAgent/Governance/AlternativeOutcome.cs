namespace EdgeAgent.Governance;

/// <summary>An outcome the method considered and ranked below its recommendation.</summary>
public sealed record AlternativeOutcome
{
    /// <summary>JSON, in the shape the action's executor accepts.</summary>
    public required string Outcome { get; init; }

    public required string Summary { get; init; }

    public double? Confidence { get; init; }
}
