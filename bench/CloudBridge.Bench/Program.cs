using System.Globalization;
using System.Runtime.InteropServices;
using CloudBridge.Bench;

// Backlog drain of the bridge beside a raw gRPC stream of the same envelopes, in one run on one machine.
// usage: dotnet run -c Release --project bench/CloudBridge.Bench [-- --quick] [--events N] [--no-write]
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
var directory = Path.Combine(Path.GetTempPath(), "cloudbridge-bench", Guid.NewGuid().ToString("N"));
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

    await RawStreamRun.RunAsync(20_000, BatchSize, Window, payload); // warm-up: JIT and tiering out of the measured run
    double raw = await RawStreamRun.RunAsync(events, BatchSize, Window, payload);
    Console.WriteLine($"raw gRPC stream (no outbox, no sink): {raw:N0} events/s");
    var bridge = await BridgeDrainRun.RunAsync(events, BatchSize, Window, payload, directory);
    Console.WriteLine($"outbox fill (1,000 per fsynced transaction): {bridge.FillPerSecond:N0} events/s");
    Console.WriteLine($"reopen store + status with full backlog: {bridge.ReopenAndStatus.TotalMilliseconds:N0} ms");
    Console.WriteLine($"first ack after sender start: {bridge.FirstAck.TotalMilliseconds:N0} ms");
    Console.WriteLine($"bridge drain (LiteDB outbox → gRPC → file sink, fsync both ends): {bridge.DrainPerSecond:N0} events/s; central has {bridge.CentralHighWaterMark:N0}");
    Console.WriteLine($"ratio bridge / raw: {bridge.DrainPerSecond / raw:P1}");
    var reconnect = await ReconnectRun.RunAsync(Path.Combine(directory, "reconnect"), payload, 10_000, TimeSpan.FromSeconds(3));
    Console.WriteLine($"after a 3 s outage: first ack {reconnect.FirstAckAfterReturn.TotalMilliseconds:N0} ms and {reconnect.Backlog:N0} backlog drained {reconnect.BacklogDrainedAfterReturn.TotalMilliseconds:N0} ms after the ingress was back");
    var stages = await StageProbe.RunAsync(Path.Combine(directory, "probe"), payload, 100, BatchSize);
    if (!args.Contains("--no-write"))
    {
        ResultsFile.WriteSection(events, payload.Length, BatchSize, Window, raw, bridge, reconnect, stages, RuntimeInformation.ProcessArchitecture.ToString(), Environment.ProcessorCount);
    }
}
finally
{
    Directory.Delete(directory, recursive: true);
}
