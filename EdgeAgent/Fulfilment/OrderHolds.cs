using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>A supervisor lifting an order's hold, audited as a human action on the hold's decision.</summary>
public sealed class OrderHolds(AuditLog audit, FloorJournal? journal = null)
{
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
