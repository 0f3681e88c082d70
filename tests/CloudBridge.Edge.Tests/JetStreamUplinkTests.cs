using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;

namespace CloudBridge.Edge.Tests;

/// <summary>The edge's uplink against stateless ingress replicas on JetStream (a real nats-server).</summary>
public sealed class JetStreamUplinkTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task StatelessIngress_OnJetStream_DeliversExactlyOnce_AcrossRestarts()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"), jetStream: new JetStreamTarget(nats.Url!));
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address, o => o.BatchSize = 100);
        await edge.StartAsync();
        long last = await edge.AppendAsync(OutboxOptions.Business, 500);
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) >= 200, "some events acked");
        await ingress.KillAsync();
        last = await edge.AppendAsync(OutboxOptions.Business, 300);
        await ingress.RestartAsync();
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "all acked");

        using var central = new CentralClient(ingress.Address);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
    }
}
