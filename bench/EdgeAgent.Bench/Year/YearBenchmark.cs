using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudBridge.Outbox;
using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Retention;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Bench.Year;

/// <summary>
/// A simulated year of a site through the real store: each day floor events (each with its outbox record in the same
/// write, as the journal and the uplink do), audit records and finished tasks, central acknowledging the day's outbox,
/// and one retention pass a day on a clock that advances day by day. At days 30, 90, 180 and 365 the store is closed
/// cleanly and reopened (timed), once more after removing its clean-stop marker (the full check an unclean stop gets),
/// and a copy of the file is rebuilt by LiteDB (timed), to say what a full compaction would pause the floor for.
/// </summary>
internal sealed class YearBenchmark : IBenchmark
{
    private const int PayloadBytes = 300;
    private const int EventsPerWrite = 500;
    private const int RetentionDays = 30;
    private static readonly int[] Checkpoints = [30, 90, 180, 365];

    public string Name => "year";

    public async Task<string> RunAsync(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // --quick (what .ci/run runs) steps the clock 15 days at a time (and a last step to day 365), so the year costs
        // 25 steps of a few fsynced writes each instead of 365.
        var eventsPerDay = Environment.GetEnvironmentVariable("BENCH_YEAR_EVENTS_PER_DAY") is { Length: > 0 } perDay
            ? int.Parse(perDay, CultureInfo.InvariantCulture)
            : settings.Quick ? 40 : 2_000;
        var step = settings.Quick ? 15 : 1;
        var data = Path.Combine(settings.WorkDirectory, "data");
        Directory.CreateDirectory(data);
        var clock = new SteppedClock(new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero));
        var outbox = new Outbox(new OutboxOptions { QuotaBytes = long.MaxValue / 4 }, clock, NullLogger<Outbox>.Instance);
        var audit = new AuditLog(clock, outbox);
        var payload = new byte[PayloadBytes];
        new Random(365).NextBytes(payload);
        var rows = new List<string>();
        var load = new List<string> { MachineInfo.LoadAverage() };
        var total = Stopwatch.StartNew();
        long written = 0, taskSeq = 0;
        var store = Open(data, clock, outbox);
        try
        {
            var previous = 0;
            foreach (var day in Enumerable.Range(1, 365).Where(d => d % step == 0 || d == 365))
            {
                var eventsPerStep = eventsPerDay * (day - previous);
                previous = day;
                for (var done = 0; done < eventsPerStep; done += EventsPerWrite)
                {
                    var n = Math.Min(EventsPerWrite, eventsPerStep - done);
                    var firstTask = taskSeq;
                    taskSeq += n / 5;
                    await store.WriteAsync(db => WriteWork(db, clock, outbox, audit, payload, n, firstTask));
                    clock.Advance(TimeSpan.FromSeconds(30));
                }

                written += eventsPerStep;

                // Central caught up with the day; the next morning's retention pass runs on the advanced clock.
                await store.WriteAsync(db => outbox.Lanes.Sum(l => outbox.Acknowledge(db, l.Name, long.MaxValue)));
                clock.AdvanceTo(new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero).AddDays(day));
                var retention = new StoreRetention(store, Options.Create(new RetentionOptions { MaxAgeDays = RetentionDays }), clock, NullLogger<StoreRetention>.Instance, new RetentionCounters(), outbox);
                await retention.RunOnceAsync(CancellationToken.None);

                if (Checkpoints.Contains(day))
                {
                    await store.DisposeAsync();
                    var (row, reopened) = await MeasureAsync(day, data, clock, outbox, written);
                    store = reopened;
                    rows.Add(row);
                    load.Add(MachineInfo.LoadAverage());
                    Console.WriteLine($"day {day}: {row}");
                }
            }
        }
        finally
        {
            await store.DisposeAsync();
        }

        total.Stop();
        var table = new StringBuilder()
            .AppendLine("| day | events written so far | floor events kept | file MB (data + log) | open after a clean stop ms | open after an unclean stop (full check) ms | LiteDB `Rebuild()` of a copy ms | file MB after that rebuild |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            table.AppendLine(row);
        }

        return string.Create(CultureInfo.InvariantCulture, $"""
            ## year: a simulated year of a site through the real store, with retention

            {MachineInfo.Describe()}; {(settings.Quick ? "--quick" : "full")} run, {total.Elapsed.TotalSeconds:N0} s.
            Each simulated day writes {eventsPerDay:N0} floor events{(step > 1 ? $" (in steps of {step} days and a last one to day 365: each step writes its days' events, then one acknowledgement and one retention pass)" : string.Empty)} ({PayloadBytes} B outbox payload each; the floor event and its outbox record in one write, {EventsPerWrite} per fsynced group commit), one audit record per 10 events (hash-chained, shipped on the audit lane) and one finished task per 5 events, through `DurableStore` on the real disk; then central acknowledges every lane (a connected site), the clock moves to the next morning and one retention pass runs (`Store:Retention:MaxAgeDays={RetentionDays}`). The clock is a stepped fake clock; the writes, fsyncs and removals are real.
            Scale: a busy distribution centre makes on the order of 200,000 floor events a day (200 handhelds × ~1,000 scans, confirms and prompts in a 20-hour day, plus conveyor reads); this run writes {eventsPerDay:N0} a day, **1/{200_000 / eventsPerDay:N0} of that**. The retained size scales with events per day × {RetentionDays} days, so multiply the file sizes by the factor; open times scale with the size for the full check, not for the clean one.
            At each listed day the store is closed cleanly and reopened (the start-up path), then closed, its clean-stop marker removed and reopened (the full check an unclean stop gets: a copy and every document read), and a copy of the file is compacted with LiteDB's `Rebuild()` (the full rebuild the floor would wait for).
            Load average (1, 5, 15 min) at the start and after each listed day: {string.Join(" → ", load)}.

            {table}
            """);
    }

    private static DurableStore Open(string data, TimeProvider clock, Outbox outbox)
    {
        var store = DurableStore.Open(new StoreOptions { DataDirectory = data, MinFreeBytes = 0 }, NullLogger<DurableStore>.Instance, clock);
        store.OnCommitting(outbox.WritePages);
        store.OnTransactionEnded(outbox.SealPages);
        return store;
    }

    private static int WriteWork(LiteDatabase db, TimeProvider clock, Outbox outbox, AuditLog audit, byte[] payload, int n, long firstTask)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tasks = new FloorCollections(db).Tasks;
        for (var i = 0; i < n; i++)
        {
            var floorEvent = new PickerLoggedIn { At = now, DeviceId = "hh-" + (i % 200), PickerId = "P-" + (i % 200), Seq = i };
            FloorJournal.Standalone.Record(db, floorEvent);
            outbox.Append(db, OutboxOptions.Business, floorEvent.Type, payload, now);
            if (i % 10 == 0)
            {
                audit.Append(db, new AuditEntry { Kind = AuditKind.Decision, ActionType = "task.assign", Actor = AuditLog.SystemActor, Verdict = "execute", Inputs = "{\"task\":\"t\"}" });
            }

            if (i % 5 == 0)
            {
                var id = (firstTask + (i / 5)).ToString(CultureInfo.InvariantCulture);
                tasks.Insert(new PickTask { Id = "t-" + id, Location = "A-01-01", Sku = "SKU-" + id, Quantity = 1, Status = PickTaskStatus.Picked, PickedQuantity = 1, ReleasedAt = now, CompletedAt = now, AssignedTo = "P-1" });
            }
        }

        return n;
    }

    private static async Task<(string Row, DurableStore Reopened)> MeasureAsync(int day, string data, TimeProvider clock, Outbox outbox, long written)
    {
        var files = Directory.GetFiles(data, "*.db").Sum(f => new FileInfo(f).Length) / 1048576.0;

        var clean = Stopwatch.StartNew();
        var store = Open(data, clock, outbox);
        clean.Stop();
        var kept = store.Read(db => new FloorEventLog(db).Count());
        await store.DisposeAsync();

        File.Delete(Path.ChangeExtension(Path.Combine(data, "edgeagent.db"), ".pages"));
        var full = Stopwatch.StartNew();
        store = Open(data, clock, outbox);
        full.Stop();
        await store.DisposeAsync();

        var copy = Path.Combine(data, "..", "rebuild.db");
        File.Copy(Path.Combine(data, "edgeagent.db"), copy, overwrite: true);
        var rebuild = Stopwatch.StartNew();
        using (var db = new LiteDatabase($"Filename={copy};Connection=direct"))
        {
            db.Rebuild();
        }

        rebuild.Stop();
        var rebuilt = new FileInfo(copy).Length / 1048576.0;
        File.Delete(copy);

        // LiteDB 5.0.21's Rebuild keeps the file as it was beside it (`<name>-backup*.db`, LiteDB #2450).
        foreach (var backup in Directory.GetFiles(Path.GetDirectoryName(copy)!, "rebuild-backup*"))
        {
            File.Delete(backup);
        }

        var reopened = Open(data, clock, outbox);
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {day} | {written:N0} | {kept:N0} | {files:N1} | {clean.Elapsed.TotalMilliseconds:N0} | {full.Elapsed.TotalMilliseconds:N0} | {rebuild.Elapsed.TotalMilliseconds:N0} | {rebuilt:N1} |");
        return (row, reopened);
    }

    /// <summary>A clock the bench moves by hand (timestamps stay the system's, so durations are real).</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;

        public void AdvanceTo(DateTimeOffset to) => _now = to > _now ? to : _now;
    }
}
