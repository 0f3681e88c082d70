using CloudBridge.Outbox;
using EdgeAgent.Audit;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Audit;

public sealed class AuditUplinkTests
{
    private static AuditEntry Entry(string verdict) =>
        new() { Kind = AuditKind.Decision, ActionType = ActionTypes.CartonDivert, Actor = AuditLog.SystemActor, Verdict = verdict };

    [Fact]
    public async Task AuditRecords_GoToTheAuditLane_InTheirOwnTransaction_AndARolledBackDecisionShipsNothing()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-audit-lane-").FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var outbox = new Outbox(new OutboxOptions(), time, NullLogger<Outbox>.Instance);
        var log = new AuditLog(time, outbox);
        await using (var store = StoreFixture.Open(directory))
        {
            await store.WriteAsync(db => log.Append(db, Entry("execute")).Seq + log.Append(db, Entry("execute")).Seq);
            await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<long>(db =>
            {
                log.Append(db, Entry("execute"));
                throw new InvalidOperationException("the decision's own change failed");
            }));
            await store.WriteAsync(db => log.Append(db, Entry("recommend-only")).Seq);

            var lane = store.Read(db => outbox.Backlog(db)).Single(l => l.Lane == OutboxOptions.Audit);
            var records = store.Read(db => new AuditCollections(db).Page(0, 10));

            Assert.Equal(3, records.Count);
            Assert.Equal((3L, 3L), (lane.LastSequence, lane.Events));
            Assert.True(store.Read(AuditVerifier.Verify).Intact);
        }

        Directory.Delete(directory, recursive: true);
    }
}
