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
        rows.AppendLine("| writers | events/rep | store events/s | mean group | largest group | raw append events/s (same batch) | store/raw |");
        rows.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var writers in new[] { 1, 16, 64, 256 })
        {
            var events = (writers == 1 ? 300 : 6_000) * (settings.Quick ? 1 : 4);
            var row = await MeasureAsync(settings, writers, events);
            rows.AppendLine(row.ToMarkdown());
            Console.WriteLine(row.ToMarkdown());
        }

        return $"""
            ## store: durable group commit vs raw fsync'd append

            {MachineInfo.Describe()}; {(settings.Quick ? "--quick" : "full")} run, median of {settings.Repetitions} repetitions after one warm-up; load average (1, 5, 15 min) {loadBefore} at the start, {MachineInfo.LoadAverage()} at the end; events are {EventBytes}-byte BSON documents.
            Store: each writer awaits `WriteAsync` (insert one event; acknowledged after the group's fsync). Raw: the same BSON bytes appended to a plain file, `Flush(true)` after each batch of the store's mean group size.

            {rows}
            """;
    }

    private static async Task<Row> MeasureAsync(BenchSettings settings, int writers, int events)
    {
        var directory = Path.Combine(settings.WorkDirectory, $"store-{writers}");
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

                await RunWritersAsync(store, writers, events, () => Interlocked.Increment(ref nextId));
            });
        }
        finally
        {
            await store.DisposeAsync();
        }

        var after = store.Stats;
        var groups = after.GroupsCommitted - before.GroupsCommitted;
        var meanGroup = (double)(after.ChangesCommitted - before.ChangesCommitted) / Math.Max(1, groups);
        var batch = Math.Max(1, (int)Math.Round(meanGroup));
        var rawRate = await Measurement.MedianRateAsync(settings.Repetitions, events, _ =>
        {
            AppendRaw(Path.Combine(directory, "raw.bin"), events, batch);
            return Task.CompletedTask;
        });

        return new Row(writers, events, storeRate, meanGroup, after.LargestGroup, rawRate);
    }

    private static Task RunWritersAsync(DurableStore store, int writers, int events, Func<int> nextId)
    {
        var remaining = events;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var doc = Event(nextId());
                await store.WriteAsync(db => db.GetCollection("events").Insert(doc));
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

    private sealed record Row(int Writers, int Events, double StoreRate, double MeanGroup, int LargestGroup, double RawRate)
    {
        public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture,
            $"| {Writers} | {Events} | {StoreRate:N0} | {MeanGroup:N1} | {LargestGroup} | {RawRate:N0} | {StoreRate / RawRate:P0} |");
    }
}
