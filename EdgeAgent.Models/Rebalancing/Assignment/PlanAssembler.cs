using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>Builds the public plan from a finished run: every requested picker, its steps with completion times, the objective.</summary>
internal static class PlanAssembler
{
    public static RebalancePlan Assemble(PlanningRun run, TaskTable tasks, IReadOnlyList<ModelIdentity> models)
    {
        var byId = new Dictionary<string, int>(run.Pickers.Count, StringComparer.Ordinal);
        for (var p = 0; p < run.Pickers.Count; p++)
        {
            byId[run.Pickers[p].Id] = p;
        }

        var plans = new List<PickerPlan>(run.Request.Pickers.Count);
        var objective = run.TotalExposure;
        var confidence = 0.0;
        var count = 0;
        foreach (var picker in run.Request.Pickers)
        {
            if (!byId.Remove(picker.Id, out var p))
            {
                plans.Add(new PickerPlan(picker.Id, []));
                continue;
            }

            var clock = picker.RemainingSeconds;
            var steps = new List<PlannedTask>(run.Steps[p].Count);
            foreach (var step in run.Steps[p])
            {
                clock += step.Seconds;
                objective += step.Cost;
                confidence += step.Confidence;
                count++;
                steps.Add(new PlannedTask
                {
                    TaskId = tasks.Task[step.Slot]!.Id,
                    PredictedSeconds = step.Seconds,
                    CompletesAfterSeconds = clock,
                    LateRisk = step.Risk,
                    Exposure = step.Exposure,
                    Confidence = step.Confidence,
                    Explanation = step.Explanation,
                });
            }

            plans.Add(new PickerPlan(picker.Id, steps));
        }

        return new RebalancePlan
        {
            Pickers = plans,
            Method = PlanMethod.Model,
            Models = models,
            Confidence = count == 0 ? 1 : confidence / count,
            Objective = objective,
            Elapsed = run.Deadline.Elapsed,
            Trigger = run.Request.Trigger,
            Counters = run.Counters.ToRecord(),
            LaterStepsCut = run.LaterStepsCut,
        };
    }
}
