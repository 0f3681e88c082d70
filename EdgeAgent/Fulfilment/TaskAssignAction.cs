using System.Text.Json;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Applies <c>task.assign</c>, a picker's next task: <c>{"taskId":"T-1","toPicker":"P-2"}</c> hands an open
/// task to an idle picker. It is what an approved, or a person's carrying out of a recommended, next-task
/// decision does; the pick loop applies its own automated ones directly.
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

        if (new FloorCollections(db).Tasks.FindById(id.GetString()) is { Status: not PickTaskStatus.Open } task)
        {
            return $"task {task.Id} is no longer open ({task.Status}{(task.AssignedTo is null ? "" : " to " + task.AssignedTo)})";
        }

        return _move.Check(db, outcome);
    }

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var done = _move.Apply(db, execution);
        if (execution.Outcome.GetProperty("toPicker").GetString() is { } pickerId && new FloorCollections(db, execution.Journal).Pickers.FindById(pickerId) is { } picker)
        {
            // The picker waited for this decision; now it is made.
            picker.AwaitingDecision = null;
            new FloorCollections(db, execution.Journal).Pickers.Update(picker);
        }

        return done;
    }
}
