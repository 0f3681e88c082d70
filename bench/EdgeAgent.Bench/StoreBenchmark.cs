using System.Globalization;
using System.Text;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Bench;

/// <summary>
/// Durable events/s through <see cref="DurableStore"/> (N writers each awaiting one ~300-byte event)
/// beside a raw append of the same bytes to a plain file with one fsync per batch of the group
/// sizes the store formed, in the same run.
/// </summary>
internal sealed class StoreBenchmark : IBenchmark
{
    private const int EventBytes = 300;

    public string Name => "store";

    public async Task<string> RunAsync(BenchSettings settings)
    {
        var loadBefore = MachineInfo.LoadAverage();
        var rows = new StringBuilder();
        rows.AppendLine("| writers | ack marks | events/rep | store events/s | mean group | largest group | log fsyncs | ack record fsyncs | raw append events/s (same batch) | store/raw | reopen (inspection + open) ms |");
        rows.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (writers, marks) in new[] { (1, false), (1, true), (16, false), (64, false), (64, true), (256, false), (256, true) })
        {
            var events = (writers == 1 ? 300 : 6_000) * (settings.Quick ? 1 : 4);
            var row = await MeasureAsync(settings, writers, events, marks);
            rows.AppendLine(row.ToMarkdown());
            Console.WriteLine(row.ToMarkdown());
        }

        return $"""
            ## store: durable group commit vs raw fsync'd append

            {MachineInfo.Describe()}; {(settings.Quick ? "--quick" : "full")} run, median of {settings.Repetitions} repetitions after one warm-up; load average (1, 5, 15 min) {loadBefore} at the start, {MachineInfo.LoadAverage()} at the end; events are {EventBytes}-byte BSON documents.
            Store: each writer awaits `WriteAsync` (insert one event; acknowledged after the group's fsync); with ack marks each writer is a handheld and each write carries its `AckMark` (recorded in the group's transaction and, after the log's fsync, appended to the acknowledgement record, which is fsynced at most once a second). Fsync columns count the measured repetitions. Reopen: closing and opening the store again, whose open inspects every page and reads every document of a private copy first. Raw: the same BSON bytes appended to a plain file, `Flush(true)` after each batch of the store's mean group size.

            {rows}
            """;
    }

    private static async Task<Row> MeasureAsync(BenchSettings settings, int writers, int events, bool marks)
    {
        var directory = Path.Combine(settings.WorkDirectory, $"store-{writers}{(marks ? "-marks" : "")}");
        var options = new StoreOptions { DataDirectory = directory };
        var store = DurableStore.Open(options, NullLogger<DurableStore>.Instance);
        StoreStats before;
        double storeRate;
        var nextId = 0;
        try
        {
            before = store.Stats;
            var warmedUp = false;
            storeRate = await Measurement.MedianRateAsync(settings.Repetitions, events, async rep =>
            {
                if (rep == 1 && !warmedUp)
                {
                    warmedUp = true;
                    before = store.Stats;
                }

                await RunWritersAsync(store, writers, events, () => Interlocked.Increment(ref nextId), marks);
            });
        }
        finally
        {
            await store.DisposeAsync();
        }

        var after = store.Stats;

        // The next open inspects the whole file (page digest, a copy read document by document) before opening it.
        var reopenStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var reopened = DurableStore.Open(options, NullLogger<DurableStore>.Instance))
        {
            _ = reopened.IsOpen;
        }

        var reopenMs = System.Diagnostics.Stopwatch.GetElapsedTime(reopenStarted).TotalMilliseconds;
        var groups = after.GroupsCommitted - before.GroupsCommitted;
        var meanGroup = (double)(after.ChangesCommitted - before.ChangesCommitted) / Math.Max(1, groups);
        var batch = Math.Max(1, (int)Math.Round(meanGroup));
        var rawRate = await Measurement.MedianRateAsync(settings.Repetitions, events, _ =>
        {
            AppendRaw(Path.Combine(directory, "raw.bin"), events, batch);
            return Task.CompletedTask;
        });

        return new Row(writers, marks, events, storeRate, meanGroup, after.LargestGroup, after.Fsyncs - before.Fsyncs, after.AckRecordFsyncs - before.AckRecordFsyncs, rawRate, reopenMs);
    }

    private static Task RunWritersAsync(DurableStore store, int writers, int events, Func<int> nextId, bool marks)
    {
        var remaining = events;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            // With marks each writer is a handheld whose every write is acknowledged to it by sequence.
            var device = string.Create(CultureInfo.InvariantCulture, $"hh-{writer}");
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var id = nextId();
                var doc = Event(id);
                if (marks)
                {
                    await store.WriteAsync(db => db.GetCollection("events").Insert(doc), new AckMark(device, "picks", id));
                }
                else
                {
                    await store.WriteAsync(db => db.GetCollection("events").Insert(doc));
                }
            }
        })));
    }

    private static void AppendRaw(string path, int events, int batch)
    {
        var record = BsonSerializer.Serialize(Event(1));
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024);
        for (var written = 0; written < events;)
        {
            var n = Math.Min(batch, events - written);
            for (var i = 0; i < n; i++)
            {
                file.Write(record);
            }

            file.Flush(flushToDisk: true);
            written += n;
        }
    }

    private static readonly string Padding = new('x', PaddingLength());

    private static BsonDocument Event(int id) => EventWithPadding(id, Padding);

    private static BsonDocument EventWithPadding(int id, string padding) => new()
    {
        ["_id"] = id,
        ["gateway"] = "dc-lyon-gw-01",
        ["lane"] = "business",
        ["seq"] = (long)id,
        ["eventId"] = Guid.NewGuid().ToString("N"),
        ["kind"] = "scan.validated",
        ["device"] = "handheld-0042",
        ["at"] = DateTime.UtcNow,
        ["payload"] = padding,
    };

    private static int PaddingLength() => EventBytes - BsonSerializer.Serialize(EventWithPadding(1, string.Empty)).Length;

    private sealed record Row(int Writers, bool Marks, int Events, double StoreRate, double MeanGroup, int LargestGroup, long LogFsyncs, long AckRecordFsyncs, double RawRate, double ReopenMs)
    {
        public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture,
            $"| {Writers} | {(Marks ? "yes" : "no")} | {Events} | {StoreRate:N0} | {MeanGroup:N1} | {LargestGroup} | {LogFsyncs:N0} | {AckRecordFsyncs:N0} | {RawRate:N0} | {StoreRate / RawRate:P0} | {ReopenMs:N0} |");
    }
}
