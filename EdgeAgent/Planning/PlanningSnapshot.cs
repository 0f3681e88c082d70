using EdgeAgent.Fulfilment;

namespace EdgeAgent.Planning;

/// <summary>The floor as one rebalance reads it, in one store read.</summary>
internal sealed record PlanningSnapshot
{
    public required IReadOnlyList<PickerSession> Pickers { get; init; }

    /// <summary>Tasks in pickers' hands: where those pickers will be, and how soon they are free.</summary>
    public required IReadOnlyList<PickTask> InHand { get; init; }

    /// <summary>Open tasks not on hold, earliest cut-off first, at most the configured number.</summary>
    public required IReadOnlyList<PickTask> Open { get; init; }

    public required IReadOnlyList<FloorBlock> Blocks { get; init; }

    /// <summary>Picks finished since the last read, for the drift monitor.</summary>
    public required IReadOnlyList<PickTask> Completed { get; init; }

    /// <summary>Orders whose last line was among <see cref="Completed"/>: was it late, and what the model said.</summary>
    public required IReadOnlyList<OrderOutcome> Orders { get; init; }
}

/// <summary>A finished order's predicted late risk (the mean over its model-planned lines) and whether it was late.</summary>
internal sealed record OrderOutcome(string OrderId, double PredictedRisk, bool Late);
