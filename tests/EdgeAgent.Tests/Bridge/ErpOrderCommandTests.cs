using EdgeAgent.Events;
using CloudBridge.Contract.V1;
using EdgeAgent.Audit;
using EdgeAgent.Bridge;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Tests.Governance;
using Google.Protobuf;

namespace EdgeAgent.Tests.Bridge;

/// <summary>Central's priority changes and holds, applied by the downlink's handler inside the cursor's write; a hold through the gate.</summary>
public sealed class ErpOrderCommandTests : IAsyncLifetime
{
    private GovernanceFixture _gov = null!;
    private ErpCommandHandler _handler = null!;

    public async Task InitializeAsync()
    {
        _gov = await GovernanceFixture.StartAsync(o => o.Rights[ActionTypes.OrderHold] = new DecisionRightOptions { Mode = "Automated", MinConfidence = 0.7 });
        _handler = new ErpCommandHandler(_gov.Time, new AuditLog(_gov.Time), _gov.Gate);
        var now = _gov.Time.GetUtcNow();
        await _gov.Write(db => TaskIntake.AddNew(db, [
            new NewPickTask("T-1", "A-01-1", "SKU-1", 1, now.AddHours(1), OrderId: "SO-1"),
            new NewPickTask("T-2", "B-01-1", "SKU-2", 1, now.AddHours(2), OrderId: "SO-2"),
            new NewPickTask("T-3", "B-02-1", "SKU-3", 1, now.AddHours(2), OrderId: "SO-2"),
        ], now.UtcDateTime));
    }

    public async Task DisposeAsync() => await _gov.DisposeAsync();

    private Task<int> ApplyAsync(string id, CommandKind kind, string payload) => _gov.Write(db =>
    {
        _handler.Apply(db, new Command { CommandId = id, Kind = kind, Payload = ByteString.CopyFromUtf8(payload) });
        return 0;
    });

    [Fact]
    public async Task PriorityChange_RaisesTheOrdersUnfinishedLines_AndItsCutOff()
    {
        var due = _gov.Time.GetUtcNow().AddMinutes(20);

        await ApplyAsync("C-1", CommandKind.PriorityChange, $$"""{"orderId":"SO-2","priority":1,"dueAt":"{{due:O}}"}""");

        var lines = _gov.Read(db => new FloorCollections(db).Tasks.Find(t => t.OrderId == "SO-2").ToList());
        Assert.All(lines, t => Assert.Equal((1, due.UtcDateTime), (t.Priority, t.DueAt)));
        Assert.Equal(3, _gov.Task("T-1").Priority);
        Assert.Equal(2, Assert.Single(_gov.Events<OrderPriorityChanged>()).Lines);
    }

    [Theory]
    [InlineData("""{"orderId":"SO-2","priority":9}""", "priority must be between 1 (most urgent) and 5, got 9")]
    [InlineData("""{"priority":1}""", "payload is not a priority change")]
    [InlineData("""not json""", "payload is not a priority change")]
    public async Task BadPriorityChange_IsRecordedAsRejected_AndChangesNoTask(string payload, string reason)
    {
        await ApplyAsync("C-2", CommandKind.PriorityChange, payload);

        Assert.StartsWith(reason, Assert.Single(_gov.Events<CommandRejected>()).Reason, StringComparison.Ordinal);
        Assert.All(_gov.Read(db => new FloorCollections(db).Tasks.FindAll().ToList()), t => Assert.Equal(3, t.Priority));
    }

    [Fact]
    public async Task Hold_GoesThroughTheGateWithItsConfidenceAndApprover_AndCentralReleasesIt()
    {
        await ApplyAsync("C-3", CommandKind.Hold, """{"orderId":"SO-1","reason":"payment check","approvedBy":"credit.dana","confidence":0.9}""");
        var held = _gov.Read(db => new FloorCollections(db).Holds.FindById("SO-1"));
        await ApplyAsync("C-4", CommandKind.Hold, """{"orderId":"SO-1","hold":true}""");
        await ApplyAsync("C-5", CommandKind.Hold, """{"orderId":"SO-1","hold":false,"approvedBy":"credit.dana"}""");

        Assert.Equal("erp:credit.dana", held.HeldBy);
        Assert.Empty(_gov.Read(db => new FloorCollections(db).Holds.FindAll().ToList()));
        Assert.Equal("order SO-1 is already on hold", Assert.Single(_gov.Events<CommandRejected>()).Reason);
        var records = _gov.Audit();
        Assert.Equal(new (string, string, double?)[] { ("execute", "system", 0.9), ("released", "erp:credit.dana", null) }, records.Select(r => (r.Verdict, r.Actor, r.Confidence)));
        Assert.Contains("approved by credit.dana", records[0].Trigger, StringComparison.Ordinal);
        Assert.Equal(records[0].Seq, held.DecisionSeq);
        Assert.Equal(DecisionVerdict.Executed, Assert.Single(_gov.Events<DecisionRecorded>()).Verdict);
        Assert.True(_gov.Read(AuditVerifier.Verify).Intact);
    }

    [Fact]
    public async Task Hold_UnderTheThreshold_WaitsForASupervisor_AndTheOrderStaysOpenMeanwhile()
    {
        await ApplyAsync("C-6", CommandKind.Hold, """{"orderId":"SO-2","reason":"fraud score","confidence":0.4}""");

        var decision = Assert.Single(_gov.Audit());
        Assert.Equal(("await-approval", 0.4), (decision.Verdict, decision.Confidence));
        Assert.Empty(_gov.Read(db => new FloorCollections(db).Holds.FindAll().ToList()));
        Assert.Equal(ApprovalStatus.Pending, _gov.Approval(decision.Seq)!.Status);
    }

    [Fact]
    public async Task Hold_WithAConfidenceOutOfRange_IsRejectedAndDecidesNothing()
    {
        await ApplyAsync("C-7", CommandKind.Hold, """{"orderId":"SO-2","confidence":3}""");

        Assert.StartsWith("confidence must be between 0 and 1", Assert.Single(_gov.Events<CommandRejected>()).Reason, StringComparison.Ordinal);
        Assert.Empty(_gov.Audit());
    }
}
