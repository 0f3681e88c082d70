using System.Globalization;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>The model path's result: a plan, or why the rule must plan instead.</summary>
internal sealed record PlanOutcome(RebalancePlan? Plan, FallbackReason Reason, string? Detail)
{
    public static PlanOutcome Planned(RebalancePlan plan) => new(plan, FallbackReason.None, null);

    public static PlanOutcome Failed(string error) => new(null, FallbackReason.ModelFailed, error);

    public static PlanOutcome Late(Deadline deadline, string where) => new(null, FallbackReason.DeadlineExceeded, string.Create(
        CultureInfo.InvariantCulture, $"deadline {deadline.Limit.TotalMilliseconds:F1} ms passed {where} ({deadline.Elapsed.TotalMilliseconds:F1} ms)"));
}
