namespace EdgeAgent.ShiftScenario.Report;

/// <summary>One policy's shift: the floor's outcome (from the truth) and the agent's own counters (from its API).</summary>
public sealed record PolicyResult
{
    public required string Policy { get; init; }

    public required IReadOnlyList<OrderOutcome> Orders { get; init; }

    public required int LinesReleased { get; init; }

    public required int LinesDone { get; init; }

    public required int ShortLines { get; init; }

    public required double TravelMetres { get; init; }

    public required double PickerHours { get; init; }

    /// <summary>Picks that walked into the blocked aisle before the supervisor closed it in the agent.</summary>
    public required int StalledPicks { get; init; }

    public required int WrongScans { get; init; }

    public required IReadOnlyList<ShiftSample> Samples { get; init; }

    public required AgentFigures Agent { get; init; }

    /// <summary>Wall-clock seconds the run took (not part of the figures that must repeat).</summary>
    public double WallSeconds { get; init; }
}

/// <summary>What the agent itself counted, read from <c>/api/kpis</c>, <c>/api/approvals</c> and <c>/api/planning</c> at shift end.</summary>
public sealed record AgentFigures
{
    public long ManualTouches { get; init; }

    public long TouchesAvoided { get; init; }

    public long Decisions { get; init; }

    public long Overrides { get; init; }

    public long FallbackDecisions { get; init; }

    public long LowConfidenceDecisions { get; init; }

    public long Exceptions { get; init; }

    public double? ExceptionResolutionMeanSeconds { get; init; }

    public long ApprovalsAsked { get; init; }

    public long DriftAlarms { get; init; }

    public string PlanningMethod { get; init; } = "";

    public long ModelPlans { get; init; }

    public long RulePlans { get; init; }

    /// <summary>Acts of the scripted supervisor through the console's API, by kind.</summary>
    public IReadOnlyDictionary<string, int> SupervisorActs { get; init; } = new Dictionary<string, int>();
}
