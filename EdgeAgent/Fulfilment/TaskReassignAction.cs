using System.Text.Json;
using EdgeAgent.Events;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Applies <c>task.reassign</c>: <c>{"taskId":"T-1","toPicker":"P-2"}</c> moves an unfinished task to an
/// idle logged-in picker; <c>"toPicker": null</c> puts it back in the pool.
/// </summary>
public sealed class TaskReassignAction : IGovernedAction
{
    public string ActionType => ActionTypes.TaskReassign;

    public string? Check(LiteDatabase db, JsonElement outcome) => Resolve(new FloorCollections(db), outcome, out _, out _);

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var floor = new FloorCollections(db, execution.Journal);
        if (Resolve(floor, execution.Outcome, out var task, out var target) is { } refusal)
        {
            throw new InvalidOperationException($"task.reassign applied without a successful check: {refusal}");
        }

        var from = task!.AssignedTo;
        if (from is not null && floor.Pickers.FindById(from) is { } holder && holder.CurrentTaskId == task.Id)
        {
            holder.CurrentTaskId = null;
            holder.Step = PickStep.GoToLocation;
            floor.Pickers.Update(holder);
        }
        else if (from is not null && floor.Pickers.FindById(from) is { AwaitingDecision: { DecidedBy: not null } decided } nextHolder && decided.TaskId == task.Id)
        {
            // The task a person decided as their next: it is no longer theirs to start.
            nextHolder.AwaitingDecision = null;
            floor.Pickers.Update(nextHolder);
        }

        task.MoveTo(target?.Id, execution.At);
        floor.SaveTask(task);
        if (target is not null)
        {
            target.CurrentTaskId = task.Id;
            target.Step = PickStep.GoToLocation;
            floor.Pickers.Update(target);
        }

        var done = $"task {task.Id} moved from {from ?? "the pool"} to {target?.Id ?? "the pool"}";
        RecordMove(floor, execution, task.Id, from, target?.Id);
        return done;
    }

    /// <summary>The <c>task.reassigned</c> event of a move a person's decision made.</summary>
    internal static void RecordMove(FloorCollections floor, GovernedExecution execution, string taskId, string? from, string? to) =>
        floor.Record(new TaskReassigned
        {
            At = execution.At,
            DeviceId = GovernanceEvents.DeviceId,
            Seq = execution.DecisionSeq,
            TaskId = taskId,
            FromPickerId = from,
            ToPickerId = to,
            DecisionSeq = execution.DecisionSeq,
            Actor = execution.Actor,
        });

    /// <summary>
    /// The checks of a move, except that the target's current task <paramref name="yielding"/> does not make them busy:
    /// <see cref="TaskAssignAction"/> puts it back in the pool first.
    /// </summary>
    internal static string? Check(FloorCollections floor, JsonElement outcome, string? yielding) => Resolve(floor, outcome, out _, out _, yielding);

    private static string? Resolve(FloorCollections floor, JsonElement outcome, out PickTask? task, out PickerSession? target, string? yielding = null)
    {
        task = null;
        target = null;
        if (outcome.ValueKind != JsonValueKind.Object || !outcome.TryGetProperty("taskId", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return "task.reassign needs {\"taskId\": \"...\", \"toPicker\": \"...\" or null}";
        }

        task = floor.Tasks.FindById(id.GetString());
        if (task is null)
        {
            return $"task {id.GetString()} does not exist";
        }

        if (task.Status is not (PickTaskStatus.Open or PickTaskStatus.Assigned))
        {
            return $"task {task.Id} is already {task.Status}";
        }

        if (!outcome.TryGetProperty("toPicker", out var to) || to.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (to.ValueKind != JsonValueKind.String || floor.Pickers.FindById(to.GetString()) is not { } picker)
        {
            return $"picker {to} is not logged in";
        }

        if (floor.Holds.FindById(task.OrderId) is not null)
        {
            return $"task {task.Id}'s order {task.OrderId} is on hold";
        }

        if (picker.CurrentTaskId is { } current && current != task.Id && current != yielding && floor.Tasks.FindById(current) is { Status: PickTaskStatus.Assigned })
        {
            return $"picker {picker.Id} is busy with task {current}";
        }

        target = picker;
        return null;
    }
}
