using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>A supervisor holding an order or lifting its hold, each audited as a human action.</summary>
public sealed class OrderHolds(AuditLog audit, FloorJournal? journal = null)
{
    /// <summary>Puts an order on hold by hand: none of its open tasks goes to a picker until it is released.</summary>
    public GovernanceResult Hold(LiteDatabase db, string orderId, string actor, string? reason, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var floor = new FloorCollections(db, journal);
        if (floor.Holds.FindById(orderId) is { } held)
        {
            return GovernanceResult.Conflict($"Order {orderId} is already on hold (by {held.HeldBy})");
        }

        if (!floor.Tasks.Exists(t => t.OrderId == orderId))
        {
            return GovernanceResult.NotFound($"No task of order {orderId} is known here");
        }

        var record = audit.Append(db, new AuditEntry
        {
            Kind = AuditKind.HumanAction,
            ActionType = ActionTypes.OrderHold,
            Actor = actor,
            Verdict = "held by hand",
            Outcome = GovernanceJson.Serialize(new { orderId }),
            Reason = reason,
        });
        var done = new OrderHoldAction().Apply(db, new GovernedExecution
        {
            ActionType = ActionTypes.OrderHold,
            Outcome = System.Text.Json.JsonSerializer.SerializeToElement(new { orderId }),
            DecisionSeq = record.Seq,
            Actor = actor,
            At = now,
            Journal = journal ?? FloorJournal.Standalone,
        });
        return GovernanceResult.Ok(new { held = orderId, auditSeq = record.Seq, done });
    }

    /// <summary>Lifts an order's hold so its open tasks are assignable again.</summary>
    public GovernanceResult Release(LiteDatabase db, string orderId, string actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        var floor = new FloorCollections(db, journal);
        if (floor.Holds.FindById(orderId) is not { } hold)
        {
            return GovernanceResult.NotFound($"Order {orderId} is not on hold");
        }

        var record = audit.Append(db, new AuditEntry
        {
            Kind = AuditKind.HumanAction,
            ActionType = ActionTypes.OrderHold,
            DecisionSeq = hold.DecisionSeq,
            Actor = actor,
            Verdict = "released",
            Outcome = GovernanceJson.Serialize(new { orderId }),
            Reason = reason,
        });
        OrderHoldAction.Release(floor, orderId, record.At, record.Seq, actor);
        return GovernanceResult.Ok(new { released = orderId, auditSeq = record.Seq });
    }
}
