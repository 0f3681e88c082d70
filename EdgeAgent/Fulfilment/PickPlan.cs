namespace EdgeAgent.Fulfilment;

/// <summary>
/// The rebalancer's latest answer: each picker's next tasks in order, and how it was reached. Advisory:
/// the pick loop still checks every planned task against the store before it hands it out.
/// </summary>
public sealed record PickPlan
{
    public static PickPlan Empty { get; } = new()
    {
        Seq = 0,
        Method = "none",
        ByPicker = new Dictionary<string, IReadOnlyList<PlannedPick>>(),
    };

    public required long Seq { get; init; }

    public DateTime ComputedAt { get; init; }

    /// <summary>"model" when the models ranked the work, "rule" when the fallback did.</summary>
    public required string Method { get; init; }

    /// <summary>Why the rule decided instead of the models; null when the models did.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>The models and versions used, e.g. <c>pick-duration@1.0.0 late-risk@1.0.0</c>; empty for the rule.</summary>
    public string Models { get; init; } = "";

    public double Confidence { get; init; }

    public string Trigger { get; init; } = "";

    public required IReadOnlyDictionary<string, IReadOnlyList<PlannedPick>> ByPicker { get; init; }

    /// <summary>
    /// The open tasks the plan saw, earliest cut-off first: the pick loop's rule walks this instead of
    /// sorting the backlog inside a store write (it still checks each task against the store).
    /// </summary>
    public IReadOnlyList<string> OpenByCutOff { get; init; } = [];

    /// <summary>Picker holding each planned task, so the rule leaves other pickers' plans alone.</summary>
    public IReadOnlyDictionary<string, string> PlannedFor => _plannedFor ??= ByPicker
        .SelectMany(p => p.Value.Select(t => (t.TaskId, Picker: p.Key)))
        .ToDictionary(x => x.TaskId, x => x.Picker, StringComparer.Ordinal);

    private IReadOnlyDictionary<string, string>? _plannedFor;
}
