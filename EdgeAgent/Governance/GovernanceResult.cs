namespace EdgeAgent.Governance;

/// <summary>The answer to an operator's request: done (with what to show), or why not, in words; a refusal changes nothing.</summary>
public sealed record GovernanceResult
{
    public required GovernanceStatus Status { get; init; }

    public string? Problem { get; init; }

    public object? Value { get; init; }

    public static GovernanceResult Ok(object? value) => new() { Status = GovernanceStatus.Ok, Value = value };

    public static GovernanceResult NotFound(string problem) => new() { Status = GovernanceStatus.NotFound, Problem = problem };

    public static GovernanceResult Conflict(string problem) => new() { Status = GovernanceStatus.Conflict, Problem = problem };

    public static GovernanceResult Invalid(string problem) => new() { Status = GovernanceStatus.Invalid, Problem = problem };
}
