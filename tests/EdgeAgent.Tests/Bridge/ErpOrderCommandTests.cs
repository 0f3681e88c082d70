using EdgeAgent.Events;
using CloudBridge.Contract.V1;
using EdgeAgent.Audit;
using EdgeAgent.Bridge;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Fulfilment;
using EdgeAgent.Tests.Fulfilment;
using Google.Protobuf;

namespace EdgeAgent.Tests.Bridge;

/// <summary>Central's priority changes and holds, applied by the downlink's handler inside the cursor's write.</summary>
public sealed class ErpOrderCommandTests : IDisposable
{
    private readonly FloorFixture _floor = new("hh-1");
    private readonly ErpCommandHandler _handler;

    public ErpOrderCommandTests()
    {
        _handler = new ErpCommandHandler(_floor.Time, new AuditLog(_floor.Time));
        TaskIntake.AddNew(_floor.Db, [
            new NewPickTask("T-1", "A-01-1", "SKU-1", 1, _floor.Time.GetUtcNow().AddHours(1), OrderId: "SO-1"),
            new NewPickTask("T-2", "B-01-1", "SKU-2", 1, _floor.Time.GetUtcNow().AddHours(2), OrderId: "SO-2"),
            new NewPickTask("T-3", "B-02-1", "SKU-3", 1, _floor.Time.GetUtcNow().AddHours(2), OrderId: "SO-2"),
        ], _floor.Time.GetUtcNow().UtcDateTime);
    }

    public void Dispose() => _floor.Dispose();

    [Fact]
    public void PriorityChange_RaisesTheOrdersUnfinishedLines_AndItsCutOff()
    {
        var due = _floor.Time.GetUtcNow().AddMinutes(20);

        _handler.Apply(_floor.Db, Command("C-1", CommandKind.PriorityChange, $$"""{"orderId":"SO-2","priority":1,"dueAt":"{{due:O}}"}"""));

        var lines = _floor.Floor.Tasks.Find(t => t.OrderId == "SO-2").ToList();
        Assert.All(lines, t => Assert.Equal((1, due.UtcDateTime), (t.Priority, t.DueAt)));
        Assert.Equal(3, _floor.Floor.Tasks.FindById("T-1").Priority);
        Assert.Equal(2, Assert.Single(_floor.Floor.Events.OfType<OrderPriorityChanged>()).Lines);
    }

    [Theory]
    [InlineData("""{"orderId":"SO-2","priority":9}""", "priority must be between 1 (most urgent) and 5, got 9")]
    [InlineData("""{"priority":1}""", "payload is not a priority change")]
    [InlineData("""not json""", "payload is not a priority change")]
    public void BadPriorityChange_IsRecordedAsRejected_AndChangesNoTask(string payload, string reason)
    {
        _handler.Apply(_floor.Db, Command("C-2", CommandKind.PriorityChange, payload));

        Assert.StartsWith(reason, Assert.Single(_floor.Floor.Events.OfType<CommandRejected>()).Reason, StringComparison.Ordinal);
        Assert.All(_floor.Floor.Tasks.FindAll(), t => Assert.Equal(3, t.Priority));
    }

    [Fact]
    public void Hold_WithholdsTheOrdersTasksFromPickers_UntilCentralReleasesIt()
    {
        _handler.Apply(_floor.Db, Command("C-3", CommandKind.Hold, """{"orderId":"SO-1","reason":"payment check"}"""));
        var whileHeld = _floor.Login("hh-1", "P-1");
        _handler.Apply(_floor.Db, Command("C-4", CommandKind.Hold, """{"orderId":"SO-1","hold":true}"""));
        _handler.Apply(_floor.Db, Command("C-5", CommandKind.Hold, """{"orderId":"SO-1","hold":false}"""));

        Assert.Equal("T-2", whileHeld.Task?.Id);
        Assert.Empty(_floor.Floor.Holds.FindAll());
        Assert.Equal("order SO-1 is already on hold", Assert.Single(_floor.Floor.Events.OfType<CommandRejected>()).Reason);
        var records = new AuditCollections(_floor.Db).Page(0, 100);
        Assert.Equal([("execute", "erp"), ("released", "erp")], records.Select(r => (r.Verdict, r.Actor)));
        Assert.True(AuditVerifier.Verify(_floor.Db).Intact);
    }

    private static Command Command(string id, CommandKind kind, string payload) => new()
    {
        CommandId = id,
        Kind = kind,
        Payload = ByteString.CopyFromUtf8(payload),
    };
}
