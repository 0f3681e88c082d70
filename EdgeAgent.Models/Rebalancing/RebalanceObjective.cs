using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The model inputs and the cost terms of README.md, public so a reference solver (the bench's OR-Tools
/// run) builds exactly the cost matrix the rebalancer optimises.
/// </summary>
public static class RebalanceObjective
{
    /// <summary>Where a picker starts: its position, or the depot when it has none or it does not parse.</summary>
    public static BinLocation StartOf(PickerState picker, WarehouseLayout layout)
    {
        ArgumentNullException.ThrowIfNull(picker);
        ArgumentNullException.ThrowIfNull(layout);
        return layout.Locate(picker.Position) ?? WarehouseLayout.Depot;
    }

    /// <summary>
    /// The pick-duration model's row for walking from <paramref name="from"/> to the task and picking it,
    /// built by the same <see cref="PickFeatureBuilder"/> as the training rows. <paramref name="pace"/> is the
    /// picker's time multiplier, rounded to hundredths (the resolution scores are cached at).
    /// </summary>
    public static PickFeatures PickRow(WarehouseLayout layout, BinLocation from, BinLocation to, OpenTask task, double pace, int pickersInAisle)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(task);
        return PickFeatureBuilder.Build(
            layout,
            from,
            to,
            task.Quantity,
            task.Handling,
            PickFeatureBuilder.SpeedOf(Math.Round(pace, 2)),
            PickFeatureBuilder.CongestionOf(pickersInAisle));
    }

    /// <summary>Available pickers standing in each aisle (index = aisle number): the congestion a task's aisle has.</summary>
    public static int[] PickersPerAisle(RebalanceRequest request, WarehouseLayout layout)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counts = new int[64];
        foreach (var picker in request.Pickers)
        {
            if (Eligibility.IsAvailable(picker, request.Disruptions))
            {
                var aisle = StartOf(picker, layout).Aisle;
                if (aisle < counts.Length)
                {
                    counts[aisle]++;
                }
            }
        }

        return counts;
    }

    /// <summary>The lateness penalty (seconds) a task carries: weight(priority) × late risk of its order × penalty seconds.</summary>
    public static double Exposure(int priority, float lateRisk, RebalancerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PriorityWeight(priority) * lateRisk * options.LatePenaltySeconds;
    }

    /// <summary>Planning estimate of a line's work without walking, for late-risk features and the rule.</summary>
    public static double EstimatedLineSeconds(OpenTask task, RebalancerOptions options)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        return options.SecondsPerLine + (task.Quantity * options.SecondsPerUnit);
    }

    /// <summary>
    /// The late-risk model's row per order. Values are rounded (slack and backlog to whole minutes, work
    /// to a tenth) so a cached risk stays valid until something the model could notice has changed.
    /// </summary>
    public static Dictionary<string, LateRiskFeatures> OrderFeatures(RebalanceRequest request, RebalancerOptions options, WarehouseLayout layout)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(layout);
        var located = request.Tasks.Where(t => layout.Locate(t.Location) is not null);
        var available = request.Pickers.Count(p => Eligibility.IsAvailable(p, request.Disruptions));
        return OrderFeatures(located, available, request.Now, options);
    }

    internal static Dictionary<string, LateRiskFeatures> OrderFeatures(
        IEnumerable<OpenTask> locatedTasks, int availablePickers, DateTimeOffset now, RebalancerOptions options)
    {
        var orders = new Dictionary<string, (DateTimeOffset CutOff, int Lines, double Seconds, int Priority)>(StringComparer.Ordinal);
        var totalSeconds = 0.0;
        foreach (var task in locatedTasks)
        {
            var seconds = EstimatedLineSeconds(task, options);
            totalSeconds += seconds;
            orders[task.OrderId] = orders.TryGetValue(task.OrderId, out var o)
                ? (task.ShipCutOff < o.CutOff ? task.ShipCutOff : o.CutOff, o.Lines + 1, o.Seconds + seconds, Math.Min(o.Priority, task.Priority))
                : (task.ShipCutOff, 1, seconds, task.Priority);
        }

        var backlog = Backlog(totalSeconds, availablePickers);
        var features = new Dictionary<string, LateRiskFeatures>(orders.Count, StringComparer.Ordinal);
        foreach (var (id, o) in orders)
        {
            features[id] = RiskRow(o.CutOff.UtcTicks, o.Lines, o.Seconds, backlog, o.Priority, now);
        }

        return features;
    }

    internal static float Backlog(double totalSeconds, int availablePickers) =>
        (float)Math.Round(totalSeconds / 60 / Math.Max(1, availablePickers));

    internal static LateRiskFeatures RiskRow(long cutOffUtcTicks, int lines, double seconds, float backlog, int priority, DateTimeOffset now) => new(
        (float)Math.Floor((double)(cutOffUtcTicks - now.UtcTicks) / TimeSpan.TicksPerMinute),
        lines,
        (float)Math.Round(seconds / 60, 1),
        backlog,
        LateRiskFeatures.UrgencyOf(priority));
}
