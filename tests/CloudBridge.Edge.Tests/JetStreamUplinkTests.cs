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
        string stream = "E2E_" + Guid.NewGuid().ToString("N")[..8];
        void UseJetStream(Ingress.IngressOptions o) => o.Sink = "jetstream";
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"), configure: UseJetStream, jetStream: (nats.Url!, stream));
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address, o => o.BatchSize = 100);
        await edge.StartAsync();
        long last = await edge.AppendAsync(OutboxOptions.Business, 500);
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) >= 200, "some events acked");
        await ingress.KillAsync();
        last = await edge.AppendAsync(OutboxOptions.Business, 300);
        await ingress.RestartAsync(UseJetStream);
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "all acked");

        using var central = new CentralClient(ingress.Address);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
    }
}
