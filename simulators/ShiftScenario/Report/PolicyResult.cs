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

    /// <summary>Task releases the ERP appended to the downlink (one per line).</summary>
    public int ErpTaskReleases { get; init; }

    /// <summary>Priority changes carrying a carrier's earlier cut-off that the ERP appended to the downlink (one per order).</summary>
    public int ErpCutOffChanges { get; init; }

    /// <summary>Unfinished lines the agent re-dated on those changes (its <c>order.priority-changed</c> events).</summary>
    public int LinesRedated { get; init; }

    /// <summary>Downlink commands the agent refused (<c>command.rejected</c>).</summary>
    public int ErpCommandsRejected { get; init; }

    /// <summary>Cartons the packing station released (<c>POST /api/cartons</c>) and put on the conveyor.</summary>
    public int CartonsPacked { get; init; }

    /// <summary>Cartons the agent saw scanned on the conveyor (<c>carton.scanned</c>).</summary>
    public int CartonsScanned { get; init; }

    /// <summary>Labels the printers confirmed (<c>label.printed</c>).</summary>
    public int LabelsPrinted { get; init; }

    /// <summary>Labels moved to the other printer (<c>label.rerouted</c>).</summary>
    public int LabelsRerouted { get; init; }

    /// <summary>The conveyor's device exceptions by type: how many were raised and the mean minutes from raised to resolved.</summary>
    public IReadOnlyDictionary<string, (int Count, double? MeanMinutes)> DeviceExceptions { get; init; } = new Dictionary<string, (int, double?)>();

    /// <summary>Acts of the scripted supervisor through the console's API, by kind.</summary>
    public IReadOnlyDictionary<string, int> SupervisorActs { get; init; } = new Dictionary<string, int>();
}
