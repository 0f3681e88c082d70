using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudBridge.Outbox;
using EdgeAgent.Bridge;
using EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Bench.Startup;

/// <summary>
/// The agent as its own process: launch → /readyz 200 and resident memory, first on an empty store, then on the same
/// store with a large backlog in its outbox (the bridge is not configured, so nothing drains it during the run).
/// </summary>
internal sealed partial class StartupBenchmark : IBenchmark
{
    private const int PayloadBytes = 300;
    private const int EventsPerWrite = 1_000;
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(5);

    public string Name => "startup";

    public async Task<string> RunAsync(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var backlog = settings.Quick ? 20_000 : 1_000_000;
        var settle = TimeSpan.FromSeconds(settings.Quick ? 2 : 10);
        var data = Path.Combine(settings.WorkDirectory, "data");
        var log = Path.Combine(settings.WorkDirectory, "agent.log");
        Directory.CreateDirectory(data);
        var load = new List<string> { Load() };

        var empty = await LaunchAsync(data, log, settle, ServerGc);
        Console.WriteLine($"empty store: ready {empty.ReadyMs:N0} ms, RSS at ready {empty.RssAtReady:N0} MB, idle {empty.RssIdle:N0} MB");
        load.Add(Load());
        var emptyWorkstation = await LaunchAsync(data, log, settle, WorkstationGc);
        Console.WriteLine($"empty store, workstation GC: ready {emptyWorkstation.ReadyMs:N0} ms, RSS at ready {emptyWorkstation.RssAtReady:N0} MB, idle {emptyWorkstation.RssIdle:N0} MB");
        load.Add(Load());

        var fill = Stopwatch.StartNew();
        var reused = await FillOrReuseAsync(data, backlog);
        fill.Stop();
        var fileMb = Directory.EnumerateFiles(data, "*.db").Sum(f => new FileInfo(f).Length) / 1048576.0;
        Console.WriteLine($"outbox filled with {backlog:N0} events in {fill.Elapsed.TotalSeconds:N1} s; store files {fileMb:N0} MB");
        load.Add(Load());

        var full = await LaunchAsync(data, log, settle, ServerGc);
        Console.WriteLine($"{backlog:N0} in the outbox: ready {full.ReadyMs:N0} ms, RSS at ready {full.RssAtReady:N0} MB, idle {full.RssIdle:N0} MB");
        load.Add(Load());
        var fullWorkstation = await LaunchAsync(data, log, settle, WorkstationGc);
        Console.WriteLine($"{backlog:N0} in the outbox, workstation GC: ready {fullWorkstation.ReadyMs:N0} ms, RSS at ready {fullWorkstation.RssAtReady:N0} MB, idle {fullWorkstation.RssIdle:N0} MB");
        load.Add(Load());
        var (openMs, backlogMs, counted) = await OpenAloneAsync(data);
        Console.WriteLine($"store open alone after the agent's clean stop: {openMs:N0} ms, backlog {backlogMs:N0} ms ({counted:N0} events)");

        // The same store after an unclean stop (SIGKILL once ready): the open cannot trust the file and checks all of it.
        await using (var killed = AgentProcess.Start(data, log, ServerGc, out _))
        {
            await killed.WaitReadyAsync(ReadyDeadline);
            await killed.KillAsync();
        }

        var unclean = await LaunchAsync(data, log, settle, ServerGc);
        Console.WriteLine($"{backlog:N0} in the outbox after SIGKILL: ready {unclean.ReadyMs:N0} ms, store open {unclean.StoreOpenMs:N0} ms");
        load.Add(Load());

        var inv = CultureInfo.InvariantCulture;
        var rows = new StringBuilder()
            .AppendLine("| store | GC | launch → /readyz 200 ms | store open ms | RSS at ready MB | RSS after settling MB | of which anon / file / shmem MB | peak RSS MB | target |")
            .AppendLine("|---|---|---:|---:|---:|---:|---|---:|---|")
            .AppendLine(empty.Row("empty", "server, concurrent (`DOTNET_gcServer=1`: the build's default before this change)", "ready ≤ 5 s; idle ≤ 100 MB"))
            .AppendLine(emptyWorkstation.Row("empty", "the build's default: workstation, non-concurrent", "ready ≤ 5 s; idle ≤ 100 MB"))
            .AppendLine(full.Row($"{backlog:N0} events in the outbox ({fileMb:N0} MB of store files), after a clean stop", "server, concurrent (`DOTNET_gcServer=1`)", "ready ≤ 5 s; ≤ 200 MB with the backlog"))
            .AppendLine(fullWorkstation.Row($"{backlog:N0} events in the outbox, after a clean stop", "the build's default: workstation, non-concurrent", "ready ≤ 5 s; ≤ 200 MB with the backlog"))
            .AppendLine(unclean.Row($"{backlog:N0} events in the outbox, after SIGKILL (unclean stop)", "server, concurrent (`DOTNET_gcServer=1`)", "ready ≤ 5 s"));
        rows.AppendLine()
            .AppendLine(inv, $"The store's part, in the bench's process right after the last clean stop (SIGTERM): `DurableStore.Open` on that data directory (inspection of the file against the digest of the clean close, LiteDB open, migrations) took **{openMs:N0} ms**, and reading the outbox's backlog (`Outbox.Backlog`: lane states, no event documents) {backlogMs:N0} ms, {counted:N0} events unacknowledged.");
        return $"""
            ## startup: agent process launch → /readyz, and its resident memory

            {MachineInfo.Describe()}; {(settings.Quick ? "--quick" : "full")} run, one launch per row.
            The agent runs as its own process (`dotnet EdgeAgent.dll`, Release, the build this bench references; embedded broker, Planning with the shipped ONNX models, the bridge configured against a port nobody listens on, so the outbox is opened and the uplink sender starts on the backlog but nothing drains it), its data on the real disk. Ready = the first 200 from `/readyz`, polled every 20 ms from the moment the process is launched (runtime start and JIT included). RSS = VmRSS from /proc at that moment and again after {settle.TotalSeconds:N0} s idle; peak = VmHWM. Between the rows the agent is stopped with SIGTERM and the bench appends {backlog:N0} events of {PayloadBytes} B to the business lane of that store's outbox ({EventsPerWrite:N0} per fsynced write, {fill.Elapsed.TotalSeconds:N1} s), then launches the agent again on it{(reused ? " (this run copied a store filled the same way by an earlier run, `BENCH_STARTUP_STORE`, so the fill time is that copy's)" : string.Empty)}. Store open = the store's own "opened in N ms" log line (lock, checks, LiteDB open, writer start). The last row launches the agent, kills it with SIGKILL once ready, and launches it again: the open after an unclean stop. Each store is launched twice: with server, concurrent GC forced by environment (the build's default before the memory work, for the before/after) and with the build's own settings (EdgeAgent.csproj: workstation, non-concurrent GC). RSS parts from /proc/<pid>/status after settling: anon = GC heaps and native allocations (ONNX Runtime, LiteDB, Kestrel buffers), file = mapped images and libraries (the .NET framework's ReadyToRun images, ONNX Runtime's library; shared with other processes mapping them), shmem = JIT-compiled code under the runtime's write-xor-execute double mapping.
            Load average (1, 5, 15 min) at the start, after each launch and after the fill: {string.Join(" → ", load)}.

            {rows}
            """;
    }

    private static readonly Dictionary<string, string> ServerGc = new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "1" };

    // Nothing set: what EdgeAgent's runtimeconfig says (workstation, non-concurrent GC since the memory work).
    private static readonly Dictionary<string, string> WorkstationGc = [];

    private static async Task<Launch> LaunchAsync(string data, string log, TimeSpan settle, IReadOnlyDictionary<string, string> environment)
    {
        var logStart = File.Exists(log) ? new FileInfo(log).Length : 0;
        await using var agent = AgentProcess.Start(data, log, environment, out var sinceLaunch);
        await agent.WaitReadyAsync(ReadyDeadline);
        var ready = sinceLaunch.Elapsed.TotalMilliseconds;
        var atReady = agent.RssMb();
        await Task.Delay(settle);
        return new Launch(ready, StoreOpenMs(log, logStart), atReady, agent.RssMb(), agent.PeakRssMb(), agent.RssPartsMb());
    }

    private sealed record Launch(double ReadyMs, double StoreOpenMs, double RssAtReady, double RssIdle, double Peak, (double Anon, double File, double Shmem) Parts)
    {
        public string Row(string store, string gc, string target) => string.Create(CultureInfo.InvariantCulture,
            $"| {store} | {gc} | {ReadyMs:N0} | {StoreOpenMs:N0} | {RssAtReady:N0} | {RssIdle:N0} | {Parts.Anon:N0} / {Parts.File:N0} / {Parts.Shmem:N0} | {Peak:N0} | {target} |");
    }

    /// <summary>The ElapsedMs of the store's "opened in" line written after <paramref name="from"/> (compact JSON log), or NaN.</summary>
    private static double StoreOpenMs(string log, long from)
    {
        using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = from;
        using var reader = new StreamReader(file);
        while (reader.ReadLine() is { } line)
        {
            var match = OpenedLine().Match(line);
            if (match.Success)
            {
                return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return double.NaN;
    }

    [System.Text.RegularExpressions.GeneratedRegex("opened in \\{ElapsedMs.*\"ElapsedMs\":([0-9.]+)")]
    private static partial System.Text.RegularExpressions.Regex OpenedLine();

    /// <summary>
    /// Fills <paramref name="data"/>'s outbox with <paramref name="events"/> events, or, when <c>BENCH_STARTUP_STORE</c> names a
    /// directory holding such a store from an earlier run, copies that (a 1M fill takes minutes); a fresh fill is kept there.
    /// </summary>
    private static async Task<bool> FillOrReuseAsync(string data, int events)
    {
        var keep = Environment.GetEnvironmentVariable("BENCH_STARTUP_STORE");
        var kept = string.IsNullOrEmpty(keep) ? null : Path.Combine(keep, events.ToString(CultureInfo.InvariantCulture));
        if (kept is not null && File.Exists(Path.Combine(kept, "edgeagent.db")))
        {
            foreach (var file in Directory.GetFiles(kept))
            {
                File.Copy(file, Path.Combine(data, Path.GetFileName(file)), overwrite: true);
            }

            return true;
        }

        await FillOutboxAsync(data, events);
        if (kept is not null)
        {
            Directory.CreateDirectory(kept);
            foreach (var file in Directory.GetFiles(data).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(kept, Path.GetFileName(file)), overwrite: true);
            }
        }

        return false;
    }

    private static async Task FillOutboxAsync(string data, int events)
    {
        var payload = new byte[PayloadBytes];
        new Random(42).NextBytes(payload);
        await using var store = DurableStore.Open(new StoreOptions { DataDirectory = data }, NullLogger<DurableStore>.Instance);
        var outboxStore = new OutboxStore(store);
        var outbox = new Outbox(new OutboxOptions(), TimeProvider.System, NullLogger<Outbox>.Instance);
        store.OnCommitting(outbox.WritePages);
        store.OnTransactionEnded(outbox.SealPages);
        for (var done = 0; done < events; done += EventsPerWrite)
        {
            var n = Math.Min(EventsPerWrite, events - done);
            await outboxStore.WriteAsync(db =>
            {
                for (var i = 0; i < n; i++)
                {
                    outbox.Append(db, OutboxOptions.Business, "bench.event", payload);
                }

                return n;
            }, CancellationToken.None);
        }
    }

    /// <summary>What the store alone costs at start-up with the backlog: open after a clean close, then the backlog's counts.</summary>
    private static async Task<(double OpenMs, double BacklogMs, long Events)> OpenAloneAsync(string data)
    {
        var clock = Stopwatch.StartNew();
        await using var store = DurableStore.Open(new StoreOptions { DataDirectory = data }, NullLogger<DurableStore>.Instance);
        var open = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var outbox = new Outbox(new OutboxOptions(), TimeProvider.System, NullLogger<Outbox>.Instance);
        var events = store.Read(db => outbox.Backlog(db).Sum(l => l.Events));
        return (open, clock.Elapsed.TotalMilliseconds, events);
    }

    private static string Load() => MachineInfo.LoadAverage();
}
