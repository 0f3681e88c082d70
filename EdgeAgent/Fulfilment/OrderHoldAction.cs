using System.Text.Json;
using EdgeAgent.Events;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Applies <c>order.hold</c>: <c>{"orderId":"SO-1"}</c> puts the order on hold, so none of its open tasks is
/// handed to a picker until a supervisor releases it; tasks already in a picker's hands are finished.
/// </summary>
public sealed class OrderHoldAction : IGovernedAction
{
    public string ActionType => ActionTypes.OrderHold;

    public string? Check(LiteDatabase db, JsonElement outcome)
    {
        if (OrderId(outcome) is not { } orderId)
        {
            return "order.hold needs {\"orderId\": \"...\"}";
        }

        return new FloorCollections(db).Holds.FindById(orderId) is null ? null : $"order {orderId} is already on hold";
    }

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var orderId = OrderId(execution.Outcome) ?? throw new InvalidOperationException("order.hold applied without a successful check");
        var floor = new FloorCollections(db, execution.Journal);
        floor.Holds.Upsert(new OrderHold { Id = orderId, HeldAt = execution.At, HeldBy = execution.Actor, DecisionSeq = execution.DecisionSeq });
        var open = floor.Tasks.Find(t => t.OrderId == orderId).Count(t => t.Status == PickTaskStatus.Open);
        var done = $"order {orderId} on hold; {open} open task(s) withheld from pickers";
        floor.Record(new OrderHeld { At = execution.At, DeviceId = GovernanceEvents.DeviceId, Seq = execution.DecisionSeq, OrderId = orderId, OpenTasks = open, DecisionSeq = execution.DecisionSeq, Actor = execution.Actor });
        return done;
    }

    /// <summary>Lifts a hold; returns false when the order was not held.</summary>
    public static bool Release(FloorCollections floor, string orderId, DateTime at, long auditSeq, string actor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        if (!floor.Holds.Delete(orderId))
        {
            return false;
        }

        floor.Record(new OrderHoldReleased { At = at, DeviceId = GovernanceEvents.DeviceId, Seq = auditSeq, OrderId = orderId, Actor = actor, AuditSeq = auditSeq });
        return true;
    }

    private static string? OrderId(JsonElement outcome) =>
        outcome.ValueKind == JsonValueKind.Object && outcome.TryGetProperty("orderId", out var id)
            && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString())
            ? id.GetString()
            : null;
}
