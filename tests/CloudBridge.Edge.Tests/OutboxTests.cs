using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Edge.Tests;

public sealed class OutboxTests
{
    private static readonly byte[] Payload = TestEdge.Payload(300);

    [Fact]
    public async Task Append_RolledBackWithTheHostsTransaction_LeavesNoEventAndNoSequenceGap()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = new Outbox.Outbox(new OutboxOptions(), TimeProvider.System, NullLogger<Outbox.Outbox>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(db =>
        {
            db.GetCollection("picks").Insert(new BsonDocument { ["_id"] = 1, ["state"] = "confirmed" });
            outbox.Append(db, OutboxOptions.Business, "pick.confirmed", Payload);
            throw new InvalidOperationException("the state change failed after the append");
        }, CancellationToken.None));
        var next = await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "pick.confirmed", Payload), CancellationToken.None);

        Assert.Equal(1, next.Sequence);
        Assert.Equal(0, store.Read(db => db.GetCollection("picks").Count()));
        Assert.Single(store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 10)));
    }

    [Fact]
    public async Task OverQuota_ShedsTelemetryOnly_AndRefusesBusinessWithBackpressure()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = new Outbox.Outbox(new OutboxOptions { QuotaBytes = 40_000 }, TimeProvider.System, NullLogger<Outbox.Outbox>.Instance);
        Task<AppendResult> Append(string lane) => store.WriteAsync(db => outbox.Append(db, lane, "e", Payload), CancellationToken.None);

        int telemetryStored = 0, telemetryShed = 0;
        for (int i = 0; i < 150; i++)
        {
            if ((await Append(OutboxOptions.Telemetry)).Stored)
            {
                telemetryStored++;
            }
            else
            {
                telemetryShed++;
            }
        }

        Assert.True(telemetryShed > 0, "telemetry past the quota is shed");
        Assert.False(outbox.QuotaAlarm);

        int business = 0;
        OutboxFullException? refused = null;
        for (int i = 0; i < 200 && refused is null; i++)
        {
            try
            {
                Assert.True((await Append(OutboxOptions.Business)).Stored);
                business++;
            }
            catch (OutboxFullException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(OutboxOptions.Business, refused.Lane);
        Assert.True(outbox.QuotaAlarm);
        var lanes = store.Read(db => outbox.Backlog(db)).ToDictionary(l => l.Lane);
        Assert.Equal(business, lanes[OutboxOptions.Business].Events);
        Assert.Equal(0, lanes[OutboxOptions.Business].Shed);
        Assert.Equal(0, lanes[OutboxOptions.Telemetry].Events);
        Assert.Equal(150, lanes[OutboxOptions.Telemetry].Shed);
        Assert.True(business >= telemetryStored, "business events took all the space telemetry gave up");

        // Once central acks, the alarm clears and business is accepted again.
        await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, business), CancellationToken.None);
        Assert.False(outbox.QuotaAlarm);
        Assert.True((await Append(OutboxOptions.Business)).Stored);
    }

    [Fact]
    public async Task ShedTelemetry_ReachesCentralWithAnAnnouncedGap_BusinessComplete()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        int port = ingress.Port;
        await ingress.KillAsync();
        await using var edge = new TestEdge(dir.Sub("edge"), $"http://127.0.0.1:{port}", outbox: new OutboxOptions { QuotaBytes = 60_000 });
        await edge.StartAsync();

        long telemetry = await edge.AppendAsync(OutboxOptions.Telemetry, 100);
        long business = 0;
        for (int i = 0; i < 10; i++)
        {
            business = await edge.AppendAsync(OutboxOptions.Business, 10);
        }

        long shed = edge.Sender.GetStatus().Lanes.Single(l => l.Lane == OutboxOptions.Telemetry).Shed;
        Assert.True(shed > 0);
        await ingress.RestartAsync();
        using var central = new CentralClient(ingress.Address);
        await Eventually.WaitAsync(() => edge.Sender.GetStatus().Lanes.All(l => l.Backlog == 0), "backlog drained");

        await central.AssertExactlyOnceAsync(OutboxOptions.Business, business);
        var arrived = await central.EventsAsync(OutboxOptions.Telemetry);
        Assert.Equal(telemetry - shed, arrived.Count);
        Assert.Equal((ulong)telemetry, arrived[^1].Sequence);
        Assert.Equal(Enumerable.Range((int)shed + 1, arrived.Count).Select(s => (ulong)s), arrived.Select(e => e.Sequence));
    }

    [Fact]
    public async Task AcknowledgedEvents_ArePurgedBeforeAnythingIsShed()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = new Outbox.Outbox(new OutboxOptions { QuotaBytes = 40_000 }, TimeProvider.System, NullLogger<Outbox.Outbox>.Instance);
        Task<AppendResult> Append(string lane) => store.WriteAsync(db => outbox.Append(db, lane, "e", Payload), CancellationToken.None);
        for (int i = 0; i < 100; i++)
        {
            Assert.True((await Append(OutboxOptions.Business)).Stored);
        }

        Assert.Equal(100, await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, 100), CancellationToken.None));
        Assert.Equal(100, store.Read(outbox.Purgeable));
        // Purge removes whole pages only: these 100 appends share pages, none of which 10 events would empty.
        Assert.Equal(0, await store.WriteAsync(db => outbox.Purge(db, OutboxOptions.Business, 10), CancellationToken.None));

        for (int i = 0; i < 50; i++)
        {
            Assert.True((await Append(OutboxOptions.Telemetry)).Stored);
        }

        var lanes = store.Read(db => outbox.Backlog(db)).ToDictionary(l => l.Lane);
        Assert.Equal(0, lanes[OutboxOptions.Telemetry].Shed);
        Assert.Equal(50, lanes[OutboxOptions.Telemetry].Events);
        Assert.Equal(0, lanes[OutboxOptions.Business].Events);
        Assert.Equal(0, store.Read(outbox.Purgeable));
        Assert.Empty(store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 10)));
    }

    [Fact]
    public async Task ReadAckAndPurge_PerNewSequence_CompileNoExpressionPerSequence()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = new Outbox.Outbox(new OutboxOptions(), TimeProvider.System, NullLogger<Outbox.Outbox>.Instance);
        for (int i = 0; i < 30; i++)
        {
            await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "e", Payload), CancellationToken.None);
        }

        for (long after = 0; after < 30; after++)
        {
            var next = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, after, 1));
            Assert.Equal(after + 1, Assert.Single(next).Sequence);
            await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, after + 1), CancellationToken.None);
            await store.WriteAsync(db => outbox.Purge(db, OutboxOptions.Business, 1_000), CancellationToken.None);
        }

        Assert.Equal(0, store.Read(outbox.Purgeable));
        Assert.Empty(store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 10)));
        // LiteDB 5.0.21's Query.LTE("_id", 17L) compiles "_id<={"$numberLong":"17"}" and keeps it for the life of the process: one
        // Reflection.Emit compile per sequence read, and memory that grew with every sequence. The outbox passes the
        // sequence as a parameter instead, so no compiled text names one.
        Assert.DoesNotContain(CompiledExpressionTexts(), text => System.Text.RegularExpressions.Regex.IsMatch(text, @"_id\s*[<>]=?\s*[{\d]"));
    }

    private static List<string> CompiledExpressionTexts()
    {
        var texts = new List<string>();
        foreach (var name in new[] { "_cacheScalar", "_cacheEnumerable" })
        {
            var field = typeof(BsonExpression).GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
                ?? throw new InvalidOperationException($"LiteDB's BsonExpression has no {name} any more: check whether it still compiles per text");

            // A ConcurrentDictionary: its Keys are a snapshot, safe while other tests compile.
            texts.AddRange(((System.Collections.IDictionary)field.GetValue(null)!).Keys.Cast<string>());
        }

        return texts;
    }
}
