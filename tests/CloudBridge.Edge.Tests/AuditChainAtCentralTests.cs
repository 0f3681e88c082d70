using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.Audit.V1;
using CloudBridge.Contract.V1;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;
using Google.Protobuf;

namespace CloudBridge.Edge.Tests;

/// <summary>The edge ships its audit chain on the audit lane; central checks it on arrival (file store and JetStream).</summary>
public sealed class AuditChainAtCentralTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Theory]
    [InlineData("file")]
    [InlineData("jetstream")]
    public async Task RecordTamperedOnTheEdgeBeforeItShips_IsFlaggedByCentral_WithGatewayAndSeq(string store)
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"), jetStream: store == "jetstream" ? new JetStreamTarget(nats.Url!) : null);
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address);
        var chain = AuditRecords.Chain(12);
        // Someone with access to the gateway's store edits record 7 after it was hashed, before the uplink sends it.
        chain[6].Verdict = "recommend-only";
        long last = await edge.Store.WriteAsync(db => chain.Select(r =>
            edge.Outbox.Append(db, OutboxOptions.Audit, AuditChain.EventType, r.ToByteArray(), r.At.ToDateTime(), schema: AuditChain.Schema).Sequence).ToList()[^1], CancellationToken.None);
        await edge.StartAsync();
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Audit) == last, "the audit lane to ship");

        using var central = new CentralClient(ingress.Address);
        var state = await central.Admin.GetAuditChainAsync(new AuditChainRequest { GatewayId = TestIngress.GatewayId }, central.Headers);

        var alarm = Assert.Single(state.Alarms);
        Assert.Equal((TestIngress.GatewayId, 7L), (alarm.GatewayId, alarm.Seq));
        Assert.StartsWith("hash mismatch", alarm.Problem, StringComparison.Ordinal);
        Assert.Equal((12L, chain[^1].Hash, 1UL), (state.VerifiedSeq, state.VerifiedHash, state.Breaks));
    }

    [Fact]
    public async Task IntactChain_IsVerifiedAtCentral_ThroughItsHead()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"), jetStream: new JetStreamTarget(nats.Url!));
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address, o => o.BatchSize = 7);
        await edge.StartAsync();
        var chain = AuditRecords.Chain(40);
        long last = 0;
        foreach (var part in chain.Chunk(9))
        {
            last = await edge.Store.WriteAsync(db => part.Select(r =>
                edge.Outbox.Append(db, OutboxOptions.Audit, AuditChain.EventType, r.ToByteArray(), r.At.ToDateTime(), schema: AuditChain.Schema).Sequence).ToList()[^1], CancellationToken.None);
        }

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Audit) == last, "the audit lane to ship");
        using var central = new CentralClient(ingress.Address);
        var state = await central.Admin.GetAuditChainAsync(new AuditChainRequest { GatewayId = TestIngress.GatewayId }, central.Headers);
        Assert.Equal((40L, chain[^1].Hash, 0UL, (ulong)last), (state.VerifiedSeq, state.VerifiedHash, state.Breaks, state.LaneSequence));
    }
}
