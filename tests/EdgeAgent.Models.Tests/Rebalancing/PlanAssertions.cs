using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>The rules every plan, model or rule, must keep.</summary>
internal static class PlanAssertions
{
    public static void RespectsTheFloor(RebalanceRequest request, RebalancePlan plan, RebalancerOptions options)
    {
        var tasks = request.Tasks.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        var planned = new HashSet<string>();
        foreach (var pickerPlan in plan.Pickers)
        {
            var picker = request.Pickers.First(p => p.Id == pickerPlan.PickerId);
            if (!Eligibility.IsAvailable(picker, request.Disruptions))
            {
                Assert.Empty(pickerPlan.Tasks);
                continue;
            }

            Assert.True(pickerPlan.Tasks.Count <= (picker.Horizon ?? options.Horizon), $"{picker.Id} planned past its horizon");
            foreach (var step in pickerPlan.Tasks)
            {
                Assert.True(planned.Add(step.TaskId), $"{step.TaskId} planned twice");
                var task = tasks[step.TaskId];
                var bin = TestFloor.Layout.Locate(task.Location);
                Assert.NotNull(bin);
                Assert.True(Eligibility.Allows(picker, task, bin.Value, request.Disruptions), $"{picker.Id} may not take {task.Id}");
            }
        }
    }

    public static string[][] TaskIds(RebalancePlan plan) =>
        plan.Pickers.Select(p => p.Tasks.Select(t => t.TaskId).ToArray()).ToArray();
}
