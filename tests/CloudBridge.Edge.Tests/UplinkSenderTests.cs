using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace CloudBridge.Edge.Tests;

public sealed class UplinkSenderTests
{
    [Fact]
    public async Task Events_ArriveInOrderExactlyOnce_AcrossIngressRestarts()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address, o => o.BatchSize = 50);
        using var central = new CentralClient(ingress.Address);
        await edge.StartAsync();

        long last = 0;
        for (int round = 0; round < 4; round++)
        {
            for (int i = 0; i < 10; i++)
            {
                last = await edge.AppendAsync(OutboxOptions.Business, 25);
            }

            long target = last / 2;
            await Eventually.WaitAsync(async () => await central.HighWaterMarkAsync(OutboxOptions.Business) >= target, "part of the round at central");
            await ingress.KillAsync();
            last = await edge.AppendAsync(OutboxOptions.Business, 30);
            await ingress.RestartAsync();
        }

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "every event acked");
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
        Assert.Equal(0, edge.Sender.GetStatus().Lanes.Single(l => l.Lane == OutboxOptions.Business).Backlog);
    }

    [Fact]
    public async Task Backlog_BuiltDuringOutage_DrainsWhenIngressReturns()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        int port = ingress.Port;
        await ingress.KillAsync();
        await using var edge = new TestEdge(dir.Sub("edge"), $"http://127.0.0.1:{port}");
        await edge.StartAsync();

        long business = 0, audit = 0, telemetry = 0;
        for (int i = 0; i < 20; i++)
        {
            business = await edge.AppendAsync(OutboxOptions.Business, 100);
            audit = await edge.AppendAsync(OutboxOptions.Audit, 20);
            telemetry = await edge.AppendAsync(OutboxOptions.Telemetry, 50);
        }

        var during = edge.Sender.GetStatus();
        Assert.False(during.Connected);
        Assert.Equal(business, during.Lanes.Single(l => l.Lane == OutboxOptions.Business).Backlog);
        Assert.NotNull(during.Lanes.Single(l => l.Lane == OutboxOptions.Telemetry).OldestUnackedAge);

        await ingress.RestartAsync();
        using var central = new CentralClient(ingress.Address);
        await Eventually.WaitAsync(() => edge.Sender.GetStatus().Lanes.All(l => l.Backlog == 0), "backlog drained");

        await central.AssertExactlyOnceAsync(OutboxOptions.Business, business);
        await central.AssertExactlyOnceAsync(OutboxOptions.Audit, audit);
        await central.AssertExactlyOnceAsync(OutboxOptions.Telemetry, telemetry);
        var after = edge.Sender.GetStatus();
        Assert.True(after.Connected);
        Assert.Equal(business + audit + telemetry, after.EventsAcked);
    }

    [Fact]
    public async Task ManyGateways_StreamConcurrently_EachArrivesExactlyOnceUnderItsOwnIdentity()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        await using var first = new TestEdge(dir.Sub("edge-1"), ingress.Address, o => o.BatchSize = 64);
        await using var second = new TestEdge(dir.Sub("edge-2"), ingress.Address, o =>
        {
            o.GatewayId = "dc-2";
            o.Token = "token-dc-2";
            o.BatchSize = 64;
        });
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        var appends = await Task.WhenAll(
            Task.Run(async () => { long last = 0; for (int i = 0; i < 10; i++) { last = await first.AppendAsync(OutboxOptions.Business, 100); } return last; }),
            Task.Run(async () => { long last = 0; for (int i = 0; i < 10; i++) { last = await second.AppendAsync(OutboxOptions.Business, 70); } return last; }));

        await Eventually.WaitAsync(() => first.AckedThrough(OutboxOptions.Business) == appends[0] && second.AckedThrough(OutboxOptions.Business) == appends[1], "both gateways drained");
        using var central = new CentralClient(ingress.Address);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, appends[0], TestIngress.GatewayId);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, appends[1], "dc-2");
        Assert.All(await central.EventsAsync(OutboxOptions.Business, "dc-2"), e => Assert.Equal("dc-2", e.GatewayId));
    }

    [Fact]
    public async Task CentralThatStopsAcking_IsAbandonedAfterAckTimeout_OnTheInjectedClock_AndResentFromFirstUnacked()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silent = await SilentIngress.StartAsync();
        await using var edge = new TestEdge(dir.Path, silent.Address, o =>
        {
            o.BatchSize = 10;
            o.MaxInFlightBatches = 2;
            o.AckTimeout = TimeSpan.FromSeconds(5);
        }, time: time);
        await edge.AppendAsync(OutboxOptions.Business, 100);
        await edge.StartAsync();

        await Eventually.WaitAsync(() => silent.BatchStarts.Count >= 2, "the window to fill");
        Assert.Equal(1, edge.Sender.GetStatus().Sessions);
        Assert.Equal([1UL, 11UL], silent.BatchStarts.Take(2));

        // Only the fake clock moves the ack timeout and the reconnect delay.
        await Eventually.WaitAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            return silent.BatchStarts.Count >= 4;
        }, "a second stream after the ack timeout");

        Assert.True(edge.Sender.GetStatus().Sessions >= 2);
        Assert.Equal([1UL, 11UL, 1UL, 11UL], silent.BatchStarts.Take(4));
        Assert.Contains("No ack from central", edge.Sender.GetStatus().LastError, StringComparison.Ordinal);
        Assert.Equal(0, edge.AckedThrough(OutboxOptions.Business));
    }

    [Fact]
    public async Task IdleSender_PurgesWhatCentralAcked_RidingWithOtherWrites_NeverInACommitOfItsOwn()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address);
        await edge.StartAsync();

        long last = 0;
        for (int burst = 0; burst < 5; burst++)
        {
            last = await edge.AppendAsync(OutboxOptions.Business, 3);
            await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "the burst acked");
        }

        await Eventually.WaitAsync(
            () => edge.Store.Read(db => edge.Outbox.ReadAfter(db, OutboxOptions.Business, 0, 100)).Count == 0 && edge.Store.Read(edge.Outbox.Purgeable) == 0,
            "every acknowledged event purged");

        // The five appends are the only writes of their own: the sender's ack marks and purges all asked to ride
        // (IOutboxStore.WriteWithNextAsync), which the agent's store commits with the floor's next write.
        Assert.Equal(5, edge.Store.Writes);
        Assert.True(edge.Store.RidingWrites >= 2, $"ack marks and purges ride: {edge.Store.RidingWrites}");
    }
}
