using AuditChain = CloudBridge.Contract.Audit.V1.AuditChain;
using CloudBridge.Outbox;
using EdgeAgent.Audit;
using EdgeAgent.Governance;
using EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WireRecord = CloudBridge.Contract.Audit.V1.AuditRecord;

namespace EdgeAgent.Tests.Audit;

/// <summary>What the audit lane carries is the contract's record, and central's check agrees with <c>audit verify</c> on it.</summary>
public sealed class AuditWireTests
{
    [Fact]
    public async Task ShippedRecords_AreTheContractsAuditRecords_WhoseLinksCentralAccepts()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-audit-wire-").FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, 123, TimeSpan.Zero));
        var outbox = new Outbox(new OutboxOptions(), time, NullLogger<Outbox>.Instance);
        var log = new AuditLog(time, outbox);
        await using (var store = StoreFixture.Open(directory))
        {
            await store.WriteAsync(db =>
            {
                log.Append(db, new AuditEntry { Kind = AuditKind.Decision, ActionType = ActionTypes.CartonDivert, Actor = AuditLog.SystemActor, Verdict = "execute", Confidence = 0.91, Method = "rule", Inputs = "{\"lane\":2}" });
                time.Advance(TimeSpan.FromMilliseconds(1500));
                return log.Append(db, new AuditEntry { Kind = AuditKind.HumanAction, ActionType = ActionTypes.CartonDivert, DecisionSeq = 1, Actor = "sam", Verdict = "approved", Reason = "" }).Seq;
            });

            var stored = store.Read(db => new AuditCollections(db).Page(0, 10));
            var shipped = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Audit, 0, 10));

            Assert.All(shipped, e => Assert.Equal((AuditChain.EventType, AuditChain.Schema), (e.Type, e.Schema)));
            var wire = shipped.Select(e => WireRecord.Parser.ParseFrom(e.Payload)).ToList();
            Assert.Equal(stored.Select(r => r.Hash), wire.Select(r => r.Hash));
            Assert.Null(AuditChain.CheckLink(wire[0], 0, AuditChain.Genesis));
            Assert.Null(AuditChain.CheckLink(wire[1], 1, wire[0].Hash));
            // An empty reason is stored (and so hashed and shipped) as absent: the store reads "" back as null.
            Assert.False(wire[1].HasReason);
            Assert.True(store.Read(AuditVerifier.Verify).Intact);
        }

        Directory.Delete(directory, recursive: true);
    }
}
