using System.Globalization;
using System.Runtime.InteropServices;
using CloudBridge.Bench;
using CloudBridge.Bench.MosquittoBridge;

// Backlog drain of the bridge beside a raw gRPC stream of the same envelopes, in one run on one machine.
// usage: dotnet run -c Release --project bench/CloudBridge.Bench [-- --quick] [--events N] [--no-write] [--mosquitto-only] [--mosquitto-inflight N]
bool quick = args.Contains("--quick");
int events = quick ? 100_000 : 1_000_000;
int eventsIndex = Array.IndexOf(args, "--events");
if (eventsIndex >= 0)
{
    events = int.Parse(args[eventsIndex + 1], CultureInfo.InvariantCulture);
}

const int BatchSize = 500;
const int Window = 8;
var payload = new byte[300];
new Random(42).NextBytes(payload);
var directory = RepositoryPaths.WorkDirectory();
var loadBefore = ResultsFile.LoadAverage();
Directory.CreateDirectory(directory);
try
{
    Console.WriteLine($"events {events:N0} × {payload.Length} B, batches of {BatchSize}, {Window} in flight");
    if (args.Contains("--probe"))
    {
        await StageProbe.RunAsync(directory, payload, 40, BatchSize);
        await StageProbe.RunAsync(directory + "-2", payload, 100, BatchSize);
        return;
    }

    int inflightIndex = Array.IndexOf(args, "--mosquitto-inflight");
    var mosquittoSettings = inflightIndex < 0 ? new MosquittoSettings() : new MosquittoSettings { MaxInflightMessages = int.Parse(args[inflightIndex + 1], CultureInfo.InvariantCulture) };
    if (args.Contains("--mosquitto-only"))
    {
        PrintMosquitto(await MosquittoDrainRun.RunAsync(events, payload, Path.Combine(directory, "mosquitto"), mosquittoSettings, CancellationToken.None));
        return;
    }

    await RawStreamRun.RunAsync(20_000, BatchSize, Window, payload); // warm-up: JIT and tiering out of the measured run
    double raw = await RawStreamRun.RunAsync(events, BatchSize, Window, payload);
    Console.WriteLine($"raw gRPC stream (no outbox, no sink): {raw:N0} events/s");
    var bridge = await BridgeDrainRun.RunAsync(events, BatchSize, Window, payload, directory);
    Console.WriteLine($"outbox fill (DurableStore, 1,000 per fsynced write): {bridge.FillPerSecond:N0} events/s");
    Console.WriteLine($"reopen store + status with full backlog: {bridge.ReopenAndStatus.TotalMilliseconds:N0} ms");
    Console.WriteLine($"first ack after sender start: {bridge.FirstAck.TotalMilliseconds:N0} ms");
    Console.WriteLine($"bridge drain (DurableStore outbox → gRPC → file sink, fsync both ends): {bridge.DrainPerSecond:N0} events/s; central has {bridge.CentralHighWaterMark:N0}");
    Console.WriteLine($"ratio bridge / raw: {bridge.DrainPerSecond / raw:P1}");
    Console.WriteLine($"sender held at most {bridge.PeakHeld.Batches} batches, {bridge.PeakHeld.Events:N0} events, {bridge.PeakHeld.Bytes / 1024.0:N0} KiB; read {bridge.EventsRead:N0} events");
    var mosquitto = await MosquittoDrainRun.RunAsync(events, payload, Path.Combine(directory, "mosquitto"), mosquittoSettings, CancellationToken.None);
    PrintMosquitto(mosquitto);
    Console.WriteLine($"ratio bridge / Mosquitto bridge: {bridge.DrainPerSecond / mosquitto.DrainPerSecond:N2}×");
    var reconnect = await ReconnectRun.RunAsync(Path.Combine(directory, "reconnect"), payload, 10_000, TimeSpan.FromSeconds(3));
    Console.WriteLine($"after a 3 s outage: first ack {reconnect.FirstAckAfterReturn.TotalMilliseconds:N0} ms and {reconnect.Backlog:N0} backlog drained {reconnect.BacklogDrainedAfterReturn.TotalMilliseconds:N0} ms after the ingress was back");
    var stages = await StageProbe.RunAsync(Path.Combine(directory, "probe"), payload, 100, BatchSize);
    if (!args.Contains("--no-write"))
    {
        ResultsFile.WriteSection(events, payload.Length, BatchSize, Window, raw, bridge, reconnect, mosquitto, stages, RuntimeInformation.ProcessArchitecture.ToString(), Environment.ProcessorCount, loadBefore);
    }
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

static void PrintMosquitto(MosquittoDrainResult m) => Console.WriteLine(
    $"Mosquitto bridge drain (edge persistence → bridge QoS 1 → central → consumer): {m.DrainPerSecond:N0} events/s; "
    + $"fill {m.FillPerSecond:N0}/s, {m.Acked:N0} acked; received {m.Received:N0}, distinct {m.Distinct:N0}, duplicates {m.Duplicates:N0}, missing {m.Missing:N0}; "
    + $"first message {m.FirstMessage.TotalMilliseconds:N0} ms, last {m.Drain.TotalMilliseconds:N0} ms after central start ({m.FlowingPerSecond:N0}/s once flowing)");
