namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The whole state to plan from. The host sends the full state every time; the rebalancer works out
/// what changed since its last call. Ties between equal costs follow the order of <see cref="Tasks"/>,
/// so a host that keeps that order stable (new releases appended) gets stable plans.
/// </summary>
public sealed record RebalanceRequest
{
    public required IReadOnlyList<PickerState> Pickers { get; init; }

    public required IReadOnlyList<OpenTask> Tasks { get; init; }

    public Disruptions Disruptions { get; init; } = Disruptions.None;

    public required DateTimeOffset Now { get; init; }

    public RebalanceTrigger Trigger { get; init; } = RebalanceTrigger.Manual;

    /// <summary>Set by the caller when the drift monitor has latched: the models are not trusted and the rule decides.</summary>
    public bool DriftLatched { get; init; }
}
