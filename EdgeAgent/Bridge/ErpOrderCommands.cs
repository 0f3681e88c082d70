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

    /// <summary>Puts an order on hold or releases it; returns why not when the payload is unusable or the hold is already so.</summary>
    public static string? Hold(FloorCollections floor, AuditLog audit, Command command, DateTime now)
    {
        if (Read<HoldInstruction>(command) is not { OrderId: { Length: > 0 } orderId } hold)
        {
            return "payload is not a hold: {\"orderId\": \"...\", \"hold\": true|false, \"reason\": \"...\"}";
        }

        if (orderId.Length > MaxOrderIdLength)
        {
            return $"orderId: at most {MaxOrderIdLength} characters, got {orderId.Length}";
        }

        var held = floor.Holds.FindById(orderId) is not null;
        if (held == hold.Hold)
        {
            return $"order {orderId} is {(held ? "already" : "not")} on hold";
        }

        var record = audit.Append(floor.Database, new AuditEntry
        {
            Kind = AuditKind.Decision,
            ActionType = ActionTypes.OrderHold,
            Trigger = $"ERP command {command.CommandId}",
            Method = "erp:command",
            MethodVersion = "1",
            Actor = "erp",
            Verdict = hold.Hold ? "execute" : "released",
            Outcome = JsonSerializer.Serialize(new { orderId }, Json),
            Reason = hold.Reason ?? "central instructed it",
        });
        if (hold.Hold)
        {
            new OrderHoldAction().Apply(floor.Database, new GovernedExecution
            {
                ActionType = ActionTypes.OrderHold,
                Outcome = JsonSerializer.SerializeToElement(new { orderId }, Json),
                DecisionSeq = record.Seq,
                Actor = "erp",
                At = now,
                Journal = floor.Journal,
            });
        }
        else
        {
            OrderHoldAction.Release(floor, orderId, now, record.Seq, "erp");
        }

        return null;
    }

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

    private sealed record HoldInstruction(string? OrderId, bool Hold = true, string? Reason = null);
}
