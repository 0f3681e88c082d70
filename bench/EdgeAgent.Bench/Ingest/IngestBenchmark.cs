using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudBridge.Outbox;
using EdgeAgent.Bench.RoundTrip;
using EdgeAgent.Broker;
using EdgeAgent.Conveyor;
using EdgeAgent.Hosting;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Bench.Ingest;

/// <summary>
/// End-to-end ingest: fixed conveyor scanners publish carton reads over MQTT; the agent parses and validates each
/// (GS1 SSCC, check digit, the scanner's sequence number), stores it with its floor event and puts the event into
/// the bridge's outbox in the same fsynced transaction. The reference is a bare MQTT subscriber on the same broker
/// (the agent's embedded one, in the same process) receiving the same number of reads of the same size from the
/// same number of publishers.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    private const string Site = "site1";
    private const string BareSite = "bare";

    public string Name => "ingest";

    public async Task<string> RunAsync(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shapes = settings.Quick
            ? new[] { (Publishers: 1, PerPublisher: 300), (Publishers: 8, PerPublisher: 60) }
            : [(1, 1_500), (8, 500), (64, 50)];
        Directory.CreateDirectory(settings.WorkDirectory);
        var loadStart = MachineInfo.LoadAverage();

        await using var printer = new ZplPrinterEmulator(new ZplPrinterEmulatorOptions { Name = "pr-1" });
        printer.Start();
        using var capture = new ConsoleCapture(Path.Combine(settings.WorkDirectory, "agent.log"));
        var app = AgentHost.Build([.. AgentSettings(settings.WorkDirectory, printer.Port).Select(kv => $"--{kv.Key}={kv.Value}")]);
        var rows = new List<Row>();
        try
        {
            await app.StartAsync();
            var line = app.Services.GetRequiredService<ConveyorLine>();
            var store = app.Services.GetRequiredService<DurableStore>();
            var outbox = app.Services.GetRequiredService<Outbox>();
            var broker = app.Services.GetRequiredService<AgentBroker>();
            using var connectDeadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (!line.ScannersConnected)
            {
                await Task.Delay(10, connectDeadline.Token);
            }

            var run = 0;
            // One throwaway round of each first (JIT, the store's first pages), then the measured rounds.
            await MeasureBareAsync(broker.Port, 2, 50, $"w{run}");
            await MeasureAgentAsync(broker.Port, store, outbox, line, 2, 50, $"w{run}");
            foreach (var (publishers, perPublisher) in shapes)
            {
                run++;
                var load = MachineInfo.LoadAverage();
                var bare = await MeasureBareAsync(broker.Port, publishers, perPublisher, $"r{run}");
                capture.Original.WriteLine($"bare subscriber, {publishers} × {perPublisher}: {bare.Rate:N0} msg/s");
                var agent = await MeasureAgentAsync(broker.Port, store, outbox, line, publishers, perPublisher, $"r{run}");
                capture.Original.WriteLine($"agent, {publishers} × {perPublisher}: {agent.Rate:N0} msg/s ({agent.Fsyncs} fsyncs, {agent.OutboxAppended} outbox appends)");
                rows.Add(new Row(publishers, perPublisher, bare, agent, load, MachineInfo.LoadAverage()));
            }

            var counters = broker.Embedded?.Counters;
            return Render(settings, rows, loadStart, MachineInfo.LoadAverage(), counters?.Dropped ?? 0, counters?.PublishesHeld ?? 0);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static Dictionary<string, string> AgentSettings(string work, int printerPort)
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var unreachable = ((IPEndPoint)closed.LocalEndpoint).Port;
        return new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Broker:Port"] = "0",
            // The bare subscriber and the anonymous scanners: a bench-only setting (the device ACL would refuse the
            // subscriber's wildcard); authentication is not on the measured path of either side.
            ["Broker:Authentication"] = "Off",
            ["Store:DataDirectory"] = Path.Combine(work, "data"),
            ["EdgeAgent:Site"] = Site,
            ["config"] = Path.Combine(work, "no-site-file.json"),
            ["Conveyor:Enabled"] = "true",
            ["Conveyor:Gpio"] = "Simulated",
            ["Conveyor:Printers:0:Id"] = "pr-1",
            ["Conveyor:Printers:0:Host"] = "127.0.0.1",
            ["Conveyor:Printers:0:Port"] = printerPort.ToString(CultureInfo.InvariantCulture),
            ["Conveyor:PrinterPollMs"] = "60000",
            // The bridge is configured, so every floor event goes into the outbox in its transaction; central is a
            // port nobody listens on (released at once), so the outbox is filled and nothing drains it meanwhile.
            ["CloudBridge:Uplink:Address"] = $"http://127.0.0.1:{unreachable}",
        };
    }

    /// <summary>The reference: the same publishers on the same broker, a bare MQTTnet subscriber that only counts.</summary>
    private static async Task<Side> MeasureBareAsync(int port, int publishers, int perPublisher, string tag)
    {
        var total = publishers * perPublisher;
        await using var subscriber = await CountingSubscriber.ConnectAsync(port, $"dc/{BareSite}/scanner/+/read", CancellationToken.None);
        var (clock, published) = await PublishAsync(port, BareSite, publishers, perPublisher, tag, () => subscriber.Count >= total);
        return new Side(total / clock, published, clock, 0, 0, subscriber.Count);
    }

    private static async Task<Side> MeasureAgentAsync(int port, DurableStore store, Outbox outbox, ConveyorLine line, int publishers, int perPublisher, string tag)
    {
        var total = publishers * perPublisher;
        var devices = Enumerable.Range(0, publishers).Select(p => $"sc-{tag}-{p:D2}").ToHashSet(StringComparer.Ordinal);
        var outboxBefore = OutboxLast(store, outbox);
        var statsBefore = store.Stats;
        var batchesBefore = line.ScannerCounters?.Batches ?? 0;
        long Stored() => store.Read(db => DeviceSequences.Rows(db).FindAll()
            .Where(r => devices.Contains(r.Id[(DeviceSequences.Scanner.Length + 1)..]))
            .Sum(r => r.LastSeq));
        var (clock, published) = await PublishAsync(port, Site, publishers, perPublisher, tag, () => Stored() >= total);
        var stats = store.Stats;
        var counters = line.ScannerCounters;
        return new Side(total / clock, published, clock, stats.Fsyncs - statsBefore.Fsyncs, OutboxLast(store, outbox) - outboxBefore, Stored())
        {
            Batches = (counters?.Batches ?? 0) - batchesBefore,
            LargestBatch = counters?.LargestBatch ?? 0,
        };
    }

    private static long OutboxLast(DurableStore store, Outbox outbox) => store.Read(db => outbox.Backlog(db).Sum(l => l.LastSequence));

    /// <summary>
    /// Connects the scanners (untimed), then times from the first publish until <paramref name="done"/> holds
    /// (polled every 5 ms). Each scanner publishes its reads one after another, QoS 1, each awaiting its PUBACK, as
    /// <see cref="ConveyorScanner"/> does. Returns the seconds to done and the publishers' own rate.
    /// </summary>
    private static async Task<(double Seconds, double PublishedPerSecond)> PublishAsync(int port, string site, int publishers, int perPublisher, string tag, Func<bool> done)
    {
        var scanners = new List<ConveyorScanner>();
        try
        {
            for (var p = 0; p < publishers; p++)
            {
                var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = port, Site = site, DeviceId = $"sc-{tag}-{p:D2}" });
                scanners.Add(scanner);
                await scanner.ConnectAsync(CancellationToken.None);
            }

            var clock = Stopwatch.StartNew();
            var publishing = scanners.Select((scanner, p) => Task.Run(async () =>
            {
                for (var i = 0; i < perPublisher; i++)
                {
                    var sscc = LabelCodes.Sscc(p % 10, "0614141", ((long)p * 1_000_000) + i);
                    await scanner.ReadAsync(LabelCodes.SsccRead(sscc), CancellationToken.None);
                }
            })).ToList();
            await Task.WhenAll(publishing);
            var published = publishers * perPublisher / clock.Elapsed.TotalSeconds;
            var deadline = Stopwatch.StartNew();
            while (!done())
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"{publishers} × {perPublisher} reads on site '{site}' were not all consumed 5 min after the last publish");
                }

                await Task.Delay(5);
            }

            return (clock.Elapsed.TotalSeconds, published);
        }
        finally
        {
            foreach (var scanner in scanners)
            {
                await scanner.DisposeAsync();
            }
        }
    }

    private static string Render(BenchSettings settings, List<Row> rows, string loadStart, string loadEnd, long dropped, long held)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new StringBuilder()
            .AppendLine("| publishers × reads each | reads | bare subscriber msg/s | agent reads stored/s | agent / bare | agent's fsyncs | reads per fsync | gateway batches (mean reads; largest so far) | outbox appends | publishers' own rate, bare / agent (PUBACKs/s) | load average before → after |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|");
        foreach (var r in rows)
        {
            var total = r.Publishers * r.PerPublisher;
            table.AppendLine(inv, $"| {r.Publishers} × {r.PerPublisher:N0} | {total:N0} | {r.Bare.Rate:N0} | {r.Agent.Rate:N0} | {r.Agent.Rate / r.Bare.Rate:P1} | {r.Agent.Fsyncs:N0} | {(r.Agent.Fsyncs == 0 ? 0 : (double)total / r.Agent.Fsyncs):N2} | {r.Agent.Batches:N0} ({(r.Agent.Batches == 0 ? 0 : (double)total / r.Agent.Batches):N1}; {r.Agent.LargestBatch:N0}) | {r.Agent.OutboxAppended:N0} | {r.Bare.Published:N0} / {r.Agent.Published:N0} | {r.LoadBefore} → {r.LoadAfter} |");
        }

        const string ReadExample = "{\"v\":1,\"seq\":n,\"data\":\"]C100<SSCC>\",\"at\":\"<ISO time>\"}";
        var lost = rows.Where(r => r.Agent.Consumed != r.Publishers * r.PerPublisher || r.Bare.Consumed != r.Publishers * r.PerPublisher).ToList();
        return $"""
            ## ingest: MQTT in → validated → stored → outbox, vs a bare MQTT subscriber

            {MachineInfo.Describe()}; {(settings.Quick ? "--quick" : "full")} run, one timed round per row after one untimed round of 2 × 50 on each side; load average (1, 5, 15 min) {loadStart} at the start, {loadEnd} at the end.
            Load: fixed conveyor scanners (the simulator's `ConveyorScanner`, MQTT 5, QoS 1, each read awaiting its PUBACK before the next, as the device does) publish carton reads `{ReadExample}` (about 95 B) concurrently; every SSCC is distinct with a valid check digit. Time = first publish → the last read consumed, so the figure is what the consumer sustains, not what the publishers push.
            - **agent**: the real agent in this process (`AgentHost.Build`; embedded broker, conveyor line on the simulated chip with one emulated ZPL printer, divert off, store on the real disk, log lines to a file; the bridge configured against a port nobody listens on, so the outbox fills and nothing drains it). Its scanner gateway parses the JSON (on MQTTnet's receive path) and queues the read; one consumer takes every read queued (up to 256) as a batch in arrival order, checks the sequence numbers and decodes the GS1 reads (check digit), then one store write per batch records each read's scanner number, its `carton.unknown` floor event (no label was printed for these cartons) and its outbox record, fsynced before the batch's reads are acknowledged (PUBACK, manual acknowledgement, in arrival order). A scanner's PUBACK comes from the broker once the read is queued for the agent's session (the broker holds it back only under the session queue's backpressure), so reads queue there while the agent writes, and a batch can hold several reads of one scanner. Consumed = the sum of the scanners' stored sequence numbers (`device_sequences`), polled every 5 ms; outbox appends = growth of the lanes' last sequence numbers over the round.
            - **bare subscriber**: the same number of scanners publishing the same reads under `dc/{BareSite}/scanner/+/read` on the same broker (the agent does not subscribe there), and a bare MQTTnet client subscribed at QoS 1 that counts them.
            The two sides run one after the other on the same broker instance in the same process; the broker dropped {dropped:N0} messages and held {held:N0} publishes for backpressure over the whole section{(lost.Count == 0 ? "; every read of every row was consumed exactly to its count on both sides" : $"; **counts off** in {lost.Count} row(s)")}.

            {table}
            """;
    }

    private sealed record Side(double Rate, double Published, double Seconds, long Fsyncs, long OutboxAppended, long Consumed)
    {
        public long Batches { get; init; }

        public long LargestBatch { get; init; }
    }

    private sealed record Row(int Publishers, int PerPublisher, Side Bare, Side Agent, string LoadBefore, string LoadAfter);
}
