namespace EdgeAgent.Fulfilment;

/// <summary>
/// Chooses a picker's next task: the open task due soonest (ties by id), skipping orders on hold. The model-driven
/// rebalancer replaces this rule in its own part; this one never fails and needs no model.
/// </summary>
public static class TaskAssigner
{
    public static PickTask? AssignNext(FloorCollections floor, PickerSession picker)
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(picker);
        // The status index narrows to open work; the tie-break by id keeps the choice deterministic.
        var held = floor.Holds.Count() == 0 ? null : floor.Holds.FindAll().Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var next = floor.Tasks.Find(t => t.Status == PickTaskStatus.Open)
            .Where(t => held is null || !held.Contains(t.OrderId))
            .OrderBy(t => t.DueAt)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (next is null)
        {
            return null;
        }

        next.Status = PickTaskStatus.Assigned;
        next.AssignedTo = picker.Id;
        floor.Tasks.Update(next);
        picker.CurrentTaskId = next.Id;
        picker.Step = PickStep.GoToLocation;
        return next;
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
            floor.Tasks.Update(task);
        }

        picker.CurrentTaskId = null;
        picker.Step = PickStep.GoToLocation;
    }
}
