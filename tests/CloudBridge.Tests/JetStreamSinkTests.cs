using CloudBridge.Outbox;
using CloudBridge.Sinks;
using CloudBridge.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Tests;

public sealed class JetStreamSinkTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task SameEventsFromTwoReplicas_AreStoredOnce_ByEventId()
    {
        var options = new JetStreamSinkOptions { Url = nats.Url!, Stream = "DEDUP_" + Guid.NewGuid().ToString("N")[..8], SubjectPrefix = "t" + Guid.NewGuid().ToString("N")[..8] };
        await using var replicaA = new JetStreamSink(options, NullLogger<JetStreamSink>.Instance);
        await using var replicaB = new JetStreamSink(options, NullLogger<JetStreamSink>.Instance);
        var events = FileSinkTests.Events(1, 50);

        Assert.Equal(50, await replicaA.WriteAsync("dc-1", "business", events, CancellationToken.None));
        Assert.Equal(0, await replicaB.WriteAsync("dc-1", "business", events, CancellationToken.None));
        Assert.Equal(50, replicaB.Duplicates);
        Assert.Equal(20, await replicaB.WriteAsync("dc-1", "business", FileSinkTests.Events(41, 30), CancellationToken.None));

        var stored = new List<ulong>();
        await foreach (var e in replicaA.ReadAsync("dc-1", "business", 0, CancellationToken.None))
        {
            stored.Add(e.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 70).Select(i => (ulong)i), stored);
        await using var fresh = new JetStreamSink(options, NullLogger<JetStreamSink>.Instance);
        Assert.Equal(70, await fresh.GetHighWaterMarkAsync("dc-1", "business", CancellationToken.None));
    }

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
