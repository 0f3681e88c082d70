using System.ComponentModel.DataAnnotations;
using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using Microsoft.Extensions.Time.Testing;

namespace CloudBridge.Edge.Tests;

/// <summary>The sender's memory is bounded by its read-ahead window, not by the backlog.</summary>
public sealed class UplinkReadAheadTests
{
    [Fact]
    public async Task LargeBacklog_CentralNotAcking_SenderReadsAndHoldsOnlyItsWindow_NotTheBacklog()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silent = await SilentIngress.StartAsync();
        await using var edge = new TestEdge(dir.Path, silent.Address, o =>
        {
            o.BatchSize = 50;
            o.MaxInFlightBatches = 4;
            o.ReadAheadBatches = 2;
        }, time: time);
        await AppendPagedAsync(edge, 4, 1_000);
        await edge.StartAsync();

        // The window is full (4 batches written, none acked) and the read-ahead has its 2 batches ready.
        await Eventually.WaitAsync(() => silent.BatchStarts.Count >= 4 && edge.Sender.GetStatus().Held.Batches == 2, "the window and the read-ahead to fill");
        var status = edge.Sender.GetStatus();

        Assert.Equal([1UL, 51UL, 101UL, 151UL], silent.BatchStarts.Take(4));
        Assert.Equal(4, silent.BatchStarts.Count);
        // Of the 4,000-event backlog the sender read the 4 batches in flight and the 2 read ahead, nothing more.
        Assert.Equal(6 * 50, status.EventsRead);
        Assert.Equal(new ReadAheadFigures(2, 100, status.Held.Bytes), status.Held);
        // Never more than the read-ahead plus the batch being written.
        Assert.InRange(status.PeakHeld.Batches, 1, 3);
        Assert.InRange(status.PeakHeld.Events, 50, 150);
        Assert.Equal(4_000, status.Lanes.Single(l => l.Lane == OutboxOptions.Business).Backlog);
    }

    [Fact]
    public async Task ReadAhead_StopsAtItsByteLimit_HoldingAtMostTheLimitPlusOneBatch()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silent = await SilentIngress.StartAsync();
        await using var edge = new TestEdge(dir.Path, silent.Address, o =>
        {
            o.BatchSize = 20;
            o.MaxInFlightBatches = 2;
            o.ReadAheadBatches = 64;
            o.ReadAheadBytes = 16 * 1024;
        }, time: time);
        for (int i = 0; i < 4; i++)
        {
            await edge.AppendAsync(OutboxOptions.Business, 500);
        }

        await edge.StartAsync();

        await Eventually.WaitAsync(() => silent.BatchStarts.Count >= 2 && edge.Sender.GetStatus().Held.Bytes >= edge.Options.ReadAheadBytes, "the read-ahead to reach its byte limit");
        var status = edge.Sender.GetStatus();
        long batchBytes = status.Held.Bytes / status.Held.Batches; // every event here has the same size

        // 64 batches were allowed by count; the byte limit stopped the read-ahead after the batch that reached it.
        Assert.InRange(status.Held.Batches, 2, 3);
        Assert.InRange(status.PeakHeld.Bytes, edge.Options.ReadAheadBytes, edge.Options.ReadAheadBytes + batchBytes);
        Assert.InRange(status.EventsRead, 4 * 20, 5 * 20);
        Assert.Equal(2, silent.BatchStarts.Count);
    }

    [Fact]
    public async Task ReadAhead_DrainsABacklogLargerThanTheWindow_InOrderExactlyOnce_AcrossAnIngressRestart()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address, o =>
        {
            o.BatchSize = 25;
            o.MaxInFlightBatches = 2;
            o.ReadAheadBatches = 1;
        });
        long last = 0;
        for (int i = 0; i < 3; i++)
        {
            last = await edge.AppendAsync(OutboxOptions.Business, 400);
        }

        await edge.StartAsync();
        using var central = new CentralClient(ingress.Address);
        await Eventually.WaitAsync(async () => await central.HighWaterMarkAsync(OutboxOptions.Business) >= 300, "part of the backlog at central");
        await ingress.KillAsync();
        await ingress.RestartAsync();

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "every event acked");
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
        var status = edge.Sender.GetStatus();
        Assert.InRange(status.PeakHeld.Batches, 1, 2);
        Assert.InRange(status.PeakHeld.Events, 25, 50);
        Assert.Equal(ReadAheadFigures.None, status.Held);
    }

    [Fact]
    public async Task IdleSender_ReadsNoLaneOnItsPolls_WhenTheStoreReportsTransactionEnds_AndStillSendsTheNextAppend()
    {
        using var dir = new TempDirectory();
        await using var idle = await IdleSender.StartAsync(dir, reportsTransactionEnds: true);
        var (ingress, edge, time) = (idle.Ingress, idle.Edge, idle.Time);
        long before = edge.Sender.GetStatus().LaneReads;

        for (int poll = 0; poll < 40; poll++)
        {
            time.Advance(edge.Options.IdlePollInterval);
            await Task.Delay(5);
        }

        // At most the look that found the business lane drained, if the ack overtook it; never three lanes a poll.
        Assert.InRange(edge.Sender.GetStatus().LaneReads - before, 0, 1);
        long business = await edge.AppendAsync(OutboxOptions.Business, 5);
        long audit = await edge.AppendAsync(OutboxOptions.Audit, 3);
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == business && edge.AckedThrough(OutboxOptions.Audit) == audit, "the later events acked");
        using var central = new CentralClient(ingress.Address);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, business);
        await central.AssertExactlyOnceAsync(OutboxOptions.Audit, audit);
    }

    [Fact]
    public async Task IdleSender_LooksAtEveryLaneOnItsPolls_WhenTheStoreDoesNotReportTransactionEnds()
    {
        using var dir = new TempDirectory();
        await using var idle = await IdleSender.StartAsync(dir, reportsTransactionEnds: false);
        var (edge, time) = (idle.Edge, idle.Time);
        long before = edge.Sender.GetStatus().LaneReads;

        // Such a store may let a read run beside a commit, which then wakes nobody: the timed poll is the fallback.
        await Eventually.WaitAsync(() =>
        {
            time.Advance(edge.Options.IdlePollInterval);
            return edge.Sender.GetStatus().LaneReads >= before + 3;
        }, "a poll to look at every lane");
    }

    [Fact]
    public async Task BurstsOnOneLane_AreEachReadOnceAndFoundDrainedOnce_WithoutLookingAtTheOtherLanes()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        await using var edge = new TestEdge(dir.Sub("edge"), ingress.Address);
        edge.Store.TransactionEnded = edge.Outbox.SealPages;
        long last = await edge.AppendAsync(OutboxOptions.Business, 5);
        await edge.StartAsync();
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "the first burst acked");
        long before = edge.Sender.GetStatus().LaneReads;

        const int bursts = 20;
        for (int burst = 0; burst < bursts; burst++)
        {
            last = await edge.AppendAsync(OutboxOptions.Business, 5);
            await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "the burst acked");
        }

        // A burst is one read that finds it and one that finds the lane drained (plus the first burst's drained look,
        // if its ack overtook it); the audit and telemetry lanes, found empty once, are not read again.
        Assert.InRange(edge.Sender.GetStatus().LaneReads - before, 2 * bursts - 1, 2 * bursts + 1);
        using var central = new CentralClient(ingress.Address);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
    }

    [Fact]
    public async Task LaneChanges_MoveAtAnAppend_AndAgainWhenItsTransactionEnds_OnlyForTheLaneAppendedTo()
    {
        using var dir = new TempDirectory();
        await using var edge = new TestEdge(dir.Path, "http://127.0.0.1:1");
        edge.Store.TransactionEnded = edge.Outbox.SealPages;
        var lanes = edge.Outbox.Lanes.Select(l => l.Name).ToList();
        int business = lanes.IndexOf(OutboxOptions.Business), audit = lanes.IndexOf(OutboxOptions.Audit);
        long atStart = edge.Outbox.LaneChanges(business);

        long inside = await edge.Store.WriteAsync(db =>
        {
            edge.Outbox.Append(db, OutboxOptions.Business, "test.event", TestEdge.Payload(100));
            return edge.Outbox.LaneChanges(business);
        }, CancellationToken.None);

        Assert.True(inside > atStart, "an append moves its lane's number inside the transaction");
        Assert.True(edge.Outbox.LaneChanges(business) > inside, "the transaction's end moves it again, after the commit");
        Assert.Equal(0, edge.Outbox.LaneChanges(audit));
        Assert.True(edge.Outbox.ReportsTransactionEnds);

        long acks = edge.Outbox.AckChanges;
        await edge.Store.WriteAsync(db => edge.Outbox.Acknowledge(db, OutboxOptions.Business, 1), CancellationToken.None);
        Assert.True(edge.Outbox.AckChanges > acks);
    }

    /// <summary>A sender on an injected clock whose first 10 events central has acknowledged: idle from here on.</summary>
    private sealed class IdleSender(TestIngress ingress, TestEdge edge, FakeTimeProvider time) : IAsyncDisposable
    {
        public TestIngress Ingress => ingress;

        public TestEdge Edge => edge;

        public FakeTimeProvider Time => time;

        public static async Task<IdleSender> StartAsync(TempDirectory dir, bool reportsTransactionEnds)
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var ingress = await TestIngress.StartAsync(dir.Sub("central"));
            var idle = new IdleSender(ingress, new TestEdge(dir.Sub("edge"), ingress.Address, time: time), time);
            try
            {
                if (reportsTransactionEnds)
                {
                    idle.Edge.Store.TransactionEnded = idle.Edge.Outbox.SealPages;
                }

                long business = await idle.Edge.AppendAsync(OutboxOptions.Business, 10);
                await idle.Edge.StartAsync();
                await Eventually.WaitAsync(() => idle.Edge.AckedThrough(OutboxOptions.Business) == business, "the first events acked");
                return idle;
            }
            catch
            {
                await idle.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await edge.DisposeAsync();
            await ingress.DisposeAsync();
        }
    }

    /// <summary>Appends as the agent's store does (pages written once, before each commit), so a large backlog is quick to build.</summary>
    private static async Task AppendPagedAsync(TestEdge edge, int transactions, int eventsEach)
    {
        var payload = TestEdge.Payload(300);
        for (int t = 0; t < transactions; t++)
        {
            await edge.Store.WriteAsync(db =>
            {
                for (int i = 0; i < eventsEach; i++)
                {
                    edge.Outbox.Append(db, OutboxOptions.Business, "test.event", payload);
                }

                edge.Outbox.WritePages(db);
                return 0;
            }, CancellationToken.None);
            edge.Outbox.SealPages();
        }
    }

    [Theory]
    [InlineData(nameof(UplinkOptions.ReadAheadBatches), 0)]
    [InlineData(nameof(UplinkOptions.ReadAheadBatches), 65)]
    [InlineData(nameof(UplinkOptions.ReadAheadBytes), 1024)]
    public void ReadAheadOutsideItsRange_IsRefusedAtStart_NamingTheKey(string key, int value)
    {
        var options = new UplinkOptions { Address = "http://127.0.0.1:5443", GatewayId = "dc-1" };
        typeof(UplinkOptions).GetProperty(key)!.SetValue(options, value);
        var errors = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.MemberNames.Contains(key) && e.ErrorMessage!.Contains(key, StringComparison.Ordinal));
    }
}
