using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Sinks;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Central.Tests;

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
}
