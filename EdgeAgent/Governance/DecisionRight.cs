namespace EdgeAgent.Governance;

/// <summary>A validated row of the decision-rights matrix.</summary>
public sealed record DecisionRight
{
    public required DecisionMode Mode { get; init; }

    public required double MinConfidence { get; init; }

    public required TimeSpan ApprovalTimeout { get; init; }

    public required TimeoutOutcome OnTimeout { get; init; }

    public IReadOnlyList<DecisionScope> Scopes { get; init; } = [];

    /// <summary>
    /// The right that applies to <paramref name="facts"/>: the most specific matching scope, ties going to
    /// the stricter mode and then the higher threshold (a tie must never loosen control); the right itself
    /// when no scope matches.
    /// </summary>
    public AppliedRight Resolve(ScopeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var scope = Scopes.Where(s => s.Matches(facts))
            .OrderByDescending(s => s.Specificity)
            .ThenByDescending(s => s.Mode)
            .ThenByDescending(s => s.MinConfidence ?? MinConfidence)
            .FirstOrDefault();
        return scope is null
            ? new AppliedRight { Mode = Mode, Scope = AppliedRight.DefaultScope, Threshold = MinConfidence, Right = this }
            : new AppliedRight { Mode = scope.Mode, Scope = scope.Describe(), Threshold = scope.MinConfidence ?? MinConfidence, Right = this };
    }
}
