using System.Text.Json;
using CloudBridge.Contract.V1;
using CloudBridge.Downlink;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using LiteDB;

namespace EdgeAgent.Bridge;

/// <summary>
/// Applies the ERP's downlink commands inside the store write that moves the cursor. A command the
/// agent cannot apply is recorded as rejected (and so reported to central) rather than thrown: a
/// poison command must not stop every command behind it.
/// </summary>
internal sealed class ErpCommandHandler(TimeProvider time, Audit.AuditLog audit, Governance.GovernanceGate gate, FloorJournal? journal = null, Planning.ModelUpdateIntake? models = null) : ICommandHandler
{
    /// <summary>The source of the floor events that central's commands cause.</summary>
    public const string Erp = "erp";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Apply(LiteDatabase db, Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow().UtcDateTime;
        var floor = new FloorCollections(db, journal);
        switch (command.Kind)
        {
            case CommandKind.TaskRelease:
                ReleaseTask(db, floor, command, now);
                break;
            case CommandKind.OrderRelease:
                floor.Record(new OrderReleaseNoted { At = now, DeviceId = Erp, CommandId = command.CommandId });
                break;
            case CommandKind.PriorityChange:
                RejectIf(floor, now, command, ErpOrderCommands.ChangePriority(floor, command, now));
                break;
            case CommandKind.Hold:
                RejectIf(floor, now, command, ErpOrderCommands.Hold(floor, audit, gate, command, now));
                break;
            case CommandKind.ModelUpdate when models is not null:
                models.Receive(db, floor, command, now);
                break;
            default:
                floor.Record(new CommandNotApplied { At = now, DeviceId = Erp, CommandId = command.CommandId, Kind = command.Kind.ToString(), Reason = $"{command.Kind} is not applied by this agent yet" });
                break;
        }
    }

    private void ReleaseTask(LiteDatabase db, FloorCollections floor, Command command, DateTime now)
    {
        ErpTaskRelease? release;
        try
        {
            release = System.Text.Json.JsonSerializer.Deserialize<ErpTaskRelease>(command.Payload.Span, Json);
        }
        catch (JsonException ex)
        {
            Reject(floor, now, command, $"payload is not a task release: {ex.Message}");
            return;
        }

        var task = release?.ToNewPickTask();
        var problems = TaskIntake.Validate([task]);
        if (problems.Count > 0)
        {
            Reject(floor, now, command, string.Join("; ", problems));
            return;
        }

        if (TaskIntake.AddNew(db, [task!], now, journal) == 0)
        {
            Reject(floor, now, command, $"task {task!.Id} is already known");
        }
    }

    private static void RejectIf(FloorCollections floor, DateTime now, Command command, string? problem)
    {
        if (problem is not null)
        {
            Reject(floor, now, command, problem);
        }
    }

    private static void Reject(FloorCollections floor, DateTime now, Command command, string reason) =>
        floor.Record(new CommandRejected { At = now, DeviceId = Erp, CommandId = command.CommandId, Kind = command.Kind.ToString(), Reason = reason });

    /// <summary>The ERP's task release document: <c>TaskRelease</c> of bridge.proto in protobuf's JSON mapping.</summary>
    private sealed record ErpTaskRelease(
        string? TaskId, string? OrderId, string? Sku, string? Location, int Quantity, DateTimeOffset? DueAt,
        string? Zone = null, int? Priority = null, string? Handling = null, string? Skill = null,
        IReadOnlyList<string>? Gtins = null, string? Batch = null, DateOnly? MinExpiry = null, IReadOnlyList<NewItemAlternative>? Alternatives = null)
    {
        public NewPickTask ToNewPickTask() => new(TaskId, Location, Sku, Quantity, DueAt, Zone, OrderId, Priority, Handling, Skill, Gtins, Batch, MinExpiry, Alternatives);
    }
}
