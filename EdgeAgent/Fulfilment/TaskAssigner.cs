using EdgeAgent.Models.Layout;
using EdgeAgent.Planning;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Hands a picker their next task inside the pick loop's store write: the first task the latest plan
/// lined up for them that is still open and theirs to pick, else the rule (earliest ship cut-off, then
/// nearest location, within the picker's zones and skills). The rule never fails and needs no model.
/// </summary>
public sealed class TaskAssigner(PickerOptions pickers, PlanBoard board)
{
    /// <summary>Open tasks the rule looks at, earliest cut-off first: bounded so a big backlog stays cheap.</summary>
    internal const int RuleCandidates = 256;

    /// <summary>Cut-offs this close to the earliest count as equally urgent, and then distance decides.</summary>
    internal static readonly TimeSpan CutOffWindow = TimeSpan.FromMinutes(5);

    private static readonly WarehouseLayout Layout = new();

    public Assignment? AssignNext(FloorCollections floor, PickerSession picker, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(picker);
        var profile = pickers.For(picker.Id);
        var plan = board.Current;
        // Orders on hold stay out of every picker's hands until a supervisor releases them.
        var held = floor.Holds.Count() == 0 ? null : floor.Holds.FindAll().Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        bool Eligible(PickTask task) => profile.MayPick(task) && (held is null || !held.Contains(task.OrderId));
        var assignment = FromPlan(floor, picker, Eligible, plan) ?? ByRule(floor, picker, Eligible, plan);
        if (assignment is null)
        {
            return null;
        }

        var task = assignment.Task;
        task.Status = PickTaskStatus.Assigned;
        task.AssignedTo = picker.Id;
        task.AssignedAt = now;
        task.PredictedSeconds = assignment.PredictedSeconds;
        floor.Tasks.Update(task);
        picker.CurrentTaskId = task.Id;
        picker.Step = PickStep.GoToLocation;
        return assignment;
    }

    /// <summary>Puts a picker's unfinished task back in the pool (logout, or a picker moved away).</summary>
    public static void Release(FloorCollections floor, PickerSession picker)
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(picker);
        if (picker.CurrentTaskId is { } taskId && floor.Tasks.FindById(taskId) is { Status: PickTaskStatus.Assigned } task)
        {
            task.Status = PickTaskStatus.Open;
            task.AssignedTo = null;
            task.AssignedAt = null;
            task.PredictedSeconds = null;
            floor.Tasks.Update(task);
        }

        picker.CurrentTaskId = null;
        picker.Step = PickStep.GoToLocation;
    }

    private static Assignment? FromPlan(FloorCollections floor, PickerSession picker, Func<PickTask, bool> eligible, PickPlan plan)
    {
        if (!plan.ByPicker.TryGetValue(picker.Id, out var queue))
        {
            return null;
        }

        foreach (var planned in queue)
        {
            if (floor.Tasks.FindById(planned.TaskId) is { Status: PickTaskStatus.Open } task && eligible(task))
            {
                var predicted = plan.Method == "model" ? planned.PredictedSeconds : (double?)null;
                return new Assignment(task, plan.Method, planned.Confidence, predicted, plan.Seq, plan.Models, plan.FallbackReason);
            }
        }

        return null;
    }

    private static Assignment? ByRule(FloorCollections floor, PickerSession picker, Func<PickTask, bool> eligible, PickPlan plan)
    {
        var candidates = floor.Tasks.Query()
            .Where(t => t.Status == PickTaskStatus.Open)
            .OrderBy(t => t.DueAt)
            .Limit(RuleCandidates)
            .ToList()
            .Where(eligible)
            .ToList();
        // Leave work the plan lined up for someone else, unless nothing else is left.
        var free = candidates.Where(t => !plan.PlannedFor.TryGetValue(t.Id, out var holder) || holder == picker.Id).ToList();
        var pool = free.Count > 0 ? free : candidates;
        if (pool.Count == 0)
        {
            return null;
        }

        var from = Layout.Locate(picker.Position) ?? WarehouseLayout.Depot;
        var urgent = pool[0].DueAt + CutOffWindow;
        var task = pool
            .Where(t => t.DueAt <= urgent)
            .OrderBy(t => Layout.Locate(t.Location) is { } bin ? Layout.Distance(from, bin) : double.MaxValue)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .First();
        var reason = plan.Seq == 0 ? "no plan yet" : "the plan had no open task for this picker";
        return new Assignment(task, "rule", 1.0, null, plan.Seq, "", reason);
    }
}
