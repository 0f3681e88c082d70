using EdgeAgent.Fulfilment;

namespace EdgeAgent.Planning;

/// <summary>What <c>GET /api/planning</c> shows: how the current plan was made, the models, the drift, the blocks.</summary>
internal static class PlanningView
{
    public static object From(PickPlanner planner, PickPlan plan, IReadOnlyList<FloorBlock> blocks, object? modelUpdates = null)
    {
        var status = planner.Status;
        return new
        {
            plan.Seq,
            plan.Method,
            plan.FallbackReason,
            plan.Models,
            plan.Confidence,
            plan.Trigger,
            plan.ComputedAt,
            ElapsedMilliseconds = status?.Elapsed.TotalMilliseconds,
            status?.Counters,
            status?.Objective,
            RejectedModels = status?.Rejections.Select(r => new { r.ModelName, Reason = r.Reason.ToString(), r.Message }),
            Drift = planner.Drift,
            planner.InputDrift,
            planner.ModelsSwitchedOff,
            Blocks = blocks,
            ModelUpdates = modelUpdates,
            Pickers = plan.ByPicker.ToDictionary(p => p.Key, p => p.Value.Select(t => new { t.TaskId, t.PredictedSeconds, t.LateRisk, t.Confidence, t.Basis })),
        };
    }
}
