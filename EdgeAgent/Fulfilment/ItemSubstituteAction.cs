using System.Text.Json;
using EdgeAgent.Events;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Applies <c>item.substitute</c>: <c>{"taskId":"T-1","sku":"SKU-9","quantity":2}</c> adds an open line
/// <c>T-1-S</c> for the short-picked task's order, picking an alternative SKU the ERP released with the task
/// (at the alternative's location, else the task's), with its GTINs.
/// </summary>
public sealed class ItemSubstituteAction : IGovernedAction
{
    public string ActionType => ActionTypes.ItemSubstitute;

    public static string LineId(string taskId) => taskId + "-S";

    public string? Check(LiteDatabase db, JsonElement outcome) => Resolve(new FloorCollections(db), outcome, out _, out _, out _);

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var floor = new FloorCollections(db, execution.Journal);
        if (Resolve(floor, execution.Outcome, out var task, out var alternative, out var quantity) is { } refusal)
        {
            throw new InvalidOperationException($"item.substitute applied without a successful check: {refusal}");
        }

        var line = new PickTask
        {
            Id = LineId(task!.Id),
            Location = alternative!.Location ?? task.Location,
            Sku = alternative.Sku,
            Quantity = quantity,
            DueAt = task.DueAt,
            Zone = alternative.Location is { } at ? TaskIntake.DefaultZone(at) : task.Zone,
            OrderId = task.OrderId,
            Priority = task.Priority,
            Handling = task.Handling,
            RequiredSkill = task.RequiredSkill,
            Gtins = [.. alternative.Gtins],
            FollowsTaskId = task.Id,
            ReleasedAt = execution.At,
            Status = PickTaskStatus.Open,
        };
        floor.SaveTask(line);
        floor.Record(new ItemSubstituted
        {
            At = execution.At,
            DeviceId = GovernanceEvents.DeviceId,
            Seq = execution.DecisionSeq,
            OrderId = task.OrderId,
            TaskId = task.Id,
            Sku = task.Sku,
            SubstituteTaskId = line.Id,
            SubstituteSku = line.Sku,
            Quantity = quantity,
            DecisionSeq = execution.DecisionSeq,
            Actor = execution.Actor,
        });
        return $"line {line.Id} added: {quantity} x {line.Sku} at {line.Location} for order {task.OrderId}, in place of {task.Sku}";
    }

    private static string? Resolve(FloorCollections floor, JsonElement outcome, out PickTask? task, out ItemAlternative? alternative, out int quantity)
    {
        alternative = null;
        const string Usage = "item.substitute needs {\"taskId\": \"...\", \"sku\": \"...\", \"quantity\": n}";
        if (outcome.ValueKind != JsonValueKind.Object || !outcome.TryGetProperty("sku", out var sku) || sku.ValueKind != JsonValueKind.String)
        {
            task = null;
            quantity = 0;
            return Usage;
        }

        if (ShortPickRemedy.ResolveShortLine(floor, outcome, Usage, out task, out quantity) is { } refusal)
        {
            return refusal;
        }

        var shortTask = task!;
        alternative = shortTask.Alternatives.FirstOrDefault(a => string.Equals(a.Sku, sku.GetString(), StringComparison.OrdinalIgnoreCase));
        if (alternative is null)
        {
            return $"{sku.GetString()} is not an alternative the ERP released for {shortTask.Sku} (allowed: {(shortTask.Alternatives.Count == 0 ? "none" : string.Join(", ", shortTask.Alternatives.Select(a => a.Sku)))})";
        }

        return floor.Tasks.FindById(LineId(shortTask.Id)) is null ? null : $"task {shortTask.Id} already has a substitute line {LineId(shortTask.Id)}";
    }
}
