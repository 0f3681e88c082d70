using System.Text.Json;
using EdgeAgent.Events;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Applies <c>shipment.split</c>: <c>{"orderId":"SO-1","taskId":"T-1","sku":"SKU-1","quantity":2}</c> ships the
/// order with what was picked and backorders the short-picked line's missing quantity (a <see cref="ShipmentSplit"/>
/// and the floor event <c>shipment.split</c>, which reaches the ERP over the uplink).
/// </summary>
public sealed class ShipmentSplitAction : IGovernedAction
{
    public const string Collection = "shipment_splits";

    public string ActionType => ActionTypes.ShipmentSplit;

    public string? Check(LiteDatabase db, JsonElement outcome) => Resolve(db, outcome, out _, out _);

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(execution);
        if (Resolve(db, execution.Outcome, out var task, out var quantity) is { } refusal)
        {
            throw new InvalidOperationException($"shipment.split applied without a successful check: {refusal}");
        }

        db.GetCollection<ShipmentSplit>(Collection).Insert(new ShipmentSplit
        {
            Id = task!.Id,
            OrderId = task.OrderId,
            Sku = task.Sku,
            Backordered = quantity,
            SplitAt = execution.At,
            SplitBy = execution.Actor,
            DecisionSeq = execution.DecisionSeq,
        });
        new FloorCollections(db, execution.Journal).Record(new LineBackordered
        {
            At = execution.At,
            DeviceId = GovernanceEvents.DeviceId,
            Seq = execution.DecisionSeq,
            OrderId = task.OrderId,
            TaskId = task.Id,
            Sku = task.Sku,
            Backordered = quantity,
            DecisionSeq = execution.DecisionSeq,
            Actor = execution.Actor,
        });
        return $"order {task.OrderId} ships without {quantity} x {task.Sku}; backordered";
    }

    private static string? Resolve(LiteDatabase db, JsonElement outcome, out PickTask? task, out int quantity)
    {
        const string Usage = "shipment.split needs {\"orderId\": \"...\", \"taskId\": \"...\", \"quantity\": n}";
        if (ShortPickRemedy.ResolveShortLine(new FloorCollections(db), outcome, Usage, out task, out quantity) is { } refusal)
        {
            return refusal;
        }

        return db.GetCollection<ShipmentSplit>(Collection).FindById(task!.Id) is null ? null : $"task {task.Id}'s order is already split";
    }
}
