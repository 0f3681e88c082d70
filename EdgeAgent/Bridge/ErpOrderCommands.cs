using System.Text.Json;
using CloudBridge.Contract.V1;
using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;

namespace EdgeAgent.Bridge;

/// <summary>
/// Central's instructions about an order: a new priority or cut-off (the planner replans), and a hold or
/// its release. Central decided these, so each is audited with <c>erp</c> as the actor; a hold goes through
/// the same executor as a local one, so the pick loop withholds the order's tasks either way.
/// </summary>
internal static class ErpOrderCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Longest order id taken, as for every text field of a task release; a longer one cannot be an index key.</summary>
    private const int MaxOrderIdLength = 128;

    /// <summary>Applies a priority change; returns why not when the payload is unusable.</summary>
    public static string? ChangePriority(FloorCollections floor, Command command, DateTime now)
    {
        if (Read<PriorityChange>(command) is not { OrderId: { Length: > 0 } orderId } change)
        {
            return "payload is not a priority change: {\"orderId\": \"...\", \"priority\": 1-5, \"dueAt\": optional}";
        }

        if (orderId.Length > MaxOrderIdLength)
        {
            return $"orderId: at most {MaxOrderIdLength} characters, got {orderId.Length}";
        }

        if (change.Priority is < 1 or > 5)
        {
            return $"priority must be between 1 (most urgent) and 5, got {change.Priority}";
        }

        var lines = floor.Tasks.Find(t => t.OrderId == orderId).Where(t => t.Status is PickTaskStatus.Open or PickTaskStatus.Assigned).ToList();
        foreach (var task in lines)
        {
            task.Priority = change.Priority;
            task.DueAt = change.DueAt?.UtcDateTime ?? task.DueAt;
            floor.SaveTask(task);
        }

        floor.Record(new OrderPriorityChanged
        {
            At = now,
            DeviceId = ErpCommandHandler.Erp,
            CommandId = command.CommandId,
            OrderId = orderId,
            Priority = change.Priority,
            DueAt = change.DueAt?.UtcDateTime,
            Lines = lines.Count,
        });
        return null;
    }

    /// <summary>
    /// Puts an order on hold or releases it; returns why not when the payload is unusable or the hold is already so.
    /// A hold is an <c>order.hold</c> decision through the gate like any other, with central's confidence and the
    /// person who approved it there: under an automated right it is applied at once (held by <c>erp:{approvedBy}</c>),
    /// under an assisted one it waits for a supervisor, under a human-only one a supervisor carries it out.
    /// A release is central lifting its own hold, audited as a human act on the hold's decision.
    /// </summary>
    public static string? Hold(FloorCollections floor, AuditLog audit, GovernanceGate gate, Command command, DateTime now)
    {
        if (Read<HoldInstruction>(command) is not { OrderId: { Length: > 0 } orderId } hold)
        {
            return "payload is not a hold: {\"orderId\": \"...\", \"hold\": true|false, \"reason\": \"...\", \"approvedBy\": optional, \"confidence\": optional 0-1}";
        }

        if (orderId.Length > MaxOrderIdLength)
        {
            return $"orderId: at most {MaxOrderIdLength} characters, got {orderId.Length}";
        }

        if (hold.Confidence is < 0 or > 1)
        {
            return $"confidence must be between 0 and 1, got {hold.Confidence}";
        }

        var existing = floor.Holds.FindById(orderId);
        if ((existing is not null) == hold.Hold)
        {
            return $"order {orderId} is {(existing is not null ? "already" : "not")} on hold";
        }

        if (!hold.Hold)
        {
            var record = audit.Append(floor.Database, new AuditEntry
            {
                Kind = AuditKind.HumanAction,
                ActionType = ActionTypes.OrderHold,
                DecisionSeq = existing!.DecisionSeq,
                Trigger = $"ERP command {command.CommandId}",
                Actor = Actor(hold),
                Verdict = "released",
                Outcome = JsonSerializer.Serialize(new { orderId }, Json),
                Reason = hold.Reason ?? "central instructed it",
            });
            OrderHoldAction.Release(floor, orderId, now, record.Seq, Actor(hold));
            return null;
        }

        var lines = floor.Tasks.Find(t => t.OrderId == orderId).ToList();
        var outcome = JsonSerializer.Serialize(new { orderId, approvedBy = hold.ApprovedBy }, Json);
        var verdict = gate.Decide(floor.Database, new ProposedAction
        {
            ActionType = ActionTypes.OrderHold,
            Scope = new ScopeFacts { Zone = lines.Select(t => t.Zone).FirstOrDefault() },
            Trigger = $"ERP command {command.CommandId}: hold {orderId}{(hold.ApprovedBy is null ? "" : $" approved by {hold.ApprovedBy}")}",
            Inputs = JsonSerializer.Serialize(new { commandId = command.CommandId, orderId, hold.Reason, hold.ApprovedBy, hold.Confidence, openLines = lines.Count(t => t.Status == PickTaskStatus.Open) }, Json),
            Method = new DecisionMethod { Kind = "erp", Name = "command", Version = "1" },
            // Central's own certainty (a fraud score, say); a hold a person approved there is certain.
            Confidence = hold.Confidence ?? 1.0,
            Outcome = outcome,
            Summary = $"Hold order {orderId}: {hold.Reason ?? "central instructed it"}{(hold.ApprovedBy is null ? "" : $" (approved at central by {hold.ApprovedBy})")}",
            AffectedOrders = [orderId],
        });
        if (verdict.Kind == VerdictKind.Execute)
        {
            new OrderHoldAction().Apply(floor.Database, new GovernedExecution
            {
                ActionType = ActionTypes.OrderHold,
                Outcome = JsonSerializer.SerializeToElement(new { orderId }, Json),
                DecisionSeq = verdict.DecisionSeq,
                Actor = Actor(hold),
                At = now,
                Journal = floor.Journal,
            });
        }

        return null;
    }

    private static string Actor(HoldInstruction hold) => hold.ApprovedBy is { Length: > 0 } person ? $"{ErpCommandHandler.Erp}:{person}" : ErpCommandHandler.Erp;

    private static T? Read<T>(Command command)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(command.Payload.Span, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record PriorityChange(string? OrderId, int Priority, DateTimeOffset? DueAt);

    private sealed record HoldInstruction(string? OrderId, bool Hold = true, string? Reason = null, string? ApprovedBy = null, double? Confidence = null);
}
