using System.Text.Json;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Applies <c>task.assign</c>, a picker's next task: <c>{"taskId":"T-1","toPicker":"P-2"}</c> hands an open
/// task to an idle picker. It is what an approved, or a person's carrying out of a recommended, next-task
/// decision does; the pick loop applies its own automated ones directly.
/// <para>
/// A picker who waited for this very decision may have been given other work by the agent meanwhile (see
/// <see cref="TaskAssigner"/>). While they are still on their way to it, the person's decision wins: that work goes
/// back to the pool and the decided task is theirs. Once they are at its pick face, the decided task is theirs as
/// their next one: assigned to them at once (no one else gets it), started when that work is done.
/// </para>
/// </summary>
public sealed class TaskAssignAction : IGovernedAction
{
    private readonly TaskReassignAction _move = new();

    public string ActionType => ActionTypes.TaskAssign;

    public string? Check(LiteDatabase db, JsonElement outcome)
    {
        if (outcome.ValueKind != JsonValueKind.Object
            || !outcome.TryGetProperty("toPicker", out var to) || to.ValueKind != JsonValueKind.String
            || !outcome.TryGetProperty("taskId", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return "task.assign needs {\"taskId\": \"...\", \"toPicker\": \"...\"}";
        }

        var floor = new FloorCollections(db);
        if (floor.Tasks.FindById(id.GetString()) is { Status: not PickTaskStatus.Open } task)
        {
            return $"task {task.Id} is no longer open ({task.Status}{(task.AssignedTo is null ? "" : " to " + task.AssignedTo)})";
        }

        if (GivenMeanwhile(floor, outcome) is { } meanwhile)
        {
            return TaskReassignAction.Check(floor, outcome, meanwhile.Task.Id);
        }

        return _move.Check(db, outcome);
    }

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var floor = new FloorCollections(db, execution.Journal);
        var yielded = "";
        if (GivenMeanwhile(floor, execution.Outcome) is { } meanwhile)
        {
            if (meanwhile.Picker.Step != PickStep.GoToLocation)
            {
                return Next(floor, meanwhile.Picker, meanwhile.Task, execution);
            }

            PutBack(floor, meanwhile.Picker, meanwhile.Task, execution);
            yielded = $"; {meanwhile.Task.Id}, given while they waited, went back to the pool";
        }

        var done = _move.Apply(db, execution) + yielded;
        if (execution.Outcome.GetProperty("toPicker").GetString() is { } pickerId && floor.Pickers.FindById(pickerId) is { } picker)
        {
            // The picker waited for this decision; now it is made.
            picker.AwaitingDecision = null;
            floor.Pickers.Update(picker);
        }

        return done;
    }

    /// <summary>The target picker's current task when they wait for exactly this decision's task; null otherwise.</summary>
    private static (PickerSession Picker, PickTask Task)? GivenMeanwhile(FloorCollections floor, JsonElement outcome)
    {
        var taskId = outcome.GetProperty("taskId").GetString();
        return floor.Pickers.FindById(outcome.GetProperty("toPicker").GetString()) is { AwaitingDecision: { } awaited, CurrentTaskId: { } current } picker
            && awaited.TaskId == taskId && current != taskId
            && floor.Tasks.FindById(current) is { Status: PickTaskStatus.Assigned } task && task.AssignedTo == picker.Id
            ? (picker, task)
            : null;
    }

    /// <summary>Makes the decided task the picker's next one while they finish <paramref name="current"/> at its pick face.</summary>
    private static string Next(FloorCollections floor, PickerSession picker, PickTask current, GovernedExecution execution)
    {
        var task = floor.Tasks.FindById(execution.Outcome.GetProperty("taskId").GetString());
        task.MoveTo(picker.Id, execution.At);
        floor.SaveTask(task);
        picker.AwaitingDecision!.DecidedBy = execution.Actor;
        floor.Pickers.Update(picker);
        TaskReassignAction.RecordMove(floor, execution, task.Id, null, picker.Id);
        return $"task {task.Id} is {picker.Id}'s next, once they finish {current.Id} (at its pick face now)";
    }

    private static void PutBack(FloorCollections floor, PickerSession picker, PickTask task, GovernedExecution execution)
    {
        task.MoveTo(null);
        floor.SaveTask(task);
        picker.CurrentTaskId = null;
        picker.Step = PickStep.GoToLocation;
        floor.Pickers.Update(picker);
        TaskReassignAction.RecordMove(floor, execution, task.Id, picker.Id, null);
    }
}
