using System.Globalization;
using CentralLoad;

// Central at scale, in one run on one machine: a three-node nats-server cluster (R3), stateless ingress replicas, and
// simulated gateways speaking the real uplink protocol, beside raw JetStream publishing of the same messages.
// usage: dotnet run -c Release --project bench/CentralLoad [-- --quick] [--no-write]
bool quick = args.Contains("--quick");
var warmup = TimeSpan.FromSeconds(quick ? 1 : 3);
var duration = TimeSpan.FromSeconds(quick ? 2 : 10);
const int SaturatingGateways = 6;
const double PerGateway = 200;
int[] steps = quick ? [50, 200] : [50, 100, 200, 300, 500, 750];
var inv = CultureInfo.InvariantCulture;

var loadBefore = Load.Average();
await using var cluster = await NatsClusterProcesses.StartAsync(3);
Console.WriteLine($"cluster of 3 up; {Environment.ProcessorCount} cores; load average before: {loadBefore}");

// The reference is raw JetStream publishing of the same messages with the same window (RawJetStreamRun): the messages
// the ingress published in the one-replica run set its events per message per lane, so it runs after that run and
// again after the others; the mean of the two is the reference. The one-replica run is preceded by a warm-up run of
// other gateways on the same replica (the cluster's streams and the in-process ingress's code paths warm up; gateways
// of their own, so the measured ones do not start with duplicates).
var scaling = new List<(int Replicas, double EventsPerSecond, string Load)>();
List<int> perMessage = [];
double rawBefore = 0;
for (int r = 1; r <= 3; r++)
{
    using var stages = new StageTimes();
    await using var replicas = await IngressReplicas.StartAsync(r, cluster.Urls, $"SAT{r}", SaturatingGateways * (r + 1), 3, 3);
    if (r == 1)
    {
        await LoadRuns.SaturatedAsync(replicas, SaturatingGateways, SaturatingGateways, warmup, warmup);
    }

    double eps = await LoadRuns.SaturatedAsync(replicas, SaturatingGateways * r, 0, warmup, duration, stages);
    scaling.Add((r, eps, Load.Average()));
    Console.WriteLine($"{r} ingress replica(s), {SaturatingGateways * r} saturated gateways: {eps:N0} events/s ({eps / r:N0} per replica; load {Load.Average()})");
    if (r == 1)
    {
        perMessage = LaneMix.Lanes.Select(l => Math.Max(1, (int)Math.Round(stages.Mean($"cloudbridge.jetstream.message_events{{lane={l.Lane}}}")))).ToList();
        Console.WriteLine($"    events per JetStream message (mean, business/telemetry/audit): {string.Join('/', perMessage)}; publish round trip {string.Join("; ", stages.Summary().Where(x => x.Name.StartsWith("cloudbridge.jetstream.publish", StringComparison.Ordinal)).Select(x => string.Create(inv, $"{x.Name} p50 {x.P50:N1} ms")))}");
        rawBefore = await RawJetStreamRun.RunAsync(cluster.Urls, "RAWA", 3, 3, SaturatingGateways, perMessage, warmup, duration);
        Console.WriteLine($"raw JetStream publish (R3, 3 partitions, {SaturatingGateways} publishers × 3 lanes, one message of {string.Join('/', perMessage)} events in flight per lane): {rawBefore:N0} events/s (load {Load.Average()})");
    }
}

double rawAfter = await RawJetStreamRun.RunAsync(cluster.Urls, "RAWB", 3, 3, SaturatingGateways, perMessage, warmup, duration);
double raw = (rawBefore + rawAfter) / 2;
Console.WriteLine($"raw JetStream publish again: {rawAfter:N0} events/s; reference (mean) {raw:N0}; 1 replica / raw = {scaling[0].EventsPerSecond / raw:P0}");

var capacity = new List<CapacityStep>();
await using (var replicas = await IngressReplicas.StartAsync(1, cluster.Urls, "CAP", steps.Sum(), 3, 3))
{
    int first = 0;
    foreach (int gateways in steps)
    {
        using var stages = new StageTimes();
        var stats = await LoadRuns.PacedAsync(replicas, gateways, first, PerGateway, warmup, duration, stages);
        first += gateways;
        var step = new CapacityStep(gateways, gateways * PerGateway, stats.EventsPerSecond, stats.Percentile(0.50), stats.Percentile(0.99), Load.Average(), stages.Summary());
        capacity.Add(step);
        Console.WriteLine($"{gateways} gateways × {PerGateway} events/s on 1 replica: acked {stats.EventsPerSecond:N0}/s of {gateways * PerGateway:N0}, ack p50 {stats.Percentile(0.5):N1} ms, p99 {stats.Percentile(0.99):N1} ms (load {step.Load})");
        foreach (var (name, count, p50, p99) in step.Stages)
        {
            Console.WriteLine($"    {name}: {count:N0} samples, p50 {p50:N2}{StageTimes.UnitOf(name)}, p99 {p99:N2}{StageTimes.UnitOf(name)}");
        }

        // The full run goes on past a step whose p99 missed 50 ms (its p50 and p99 still say how latency grows) and
        // stops once the replica no longer keeps up with what is offered; the quick form stops at the first miss.
        if (stats.EventsPerSecond < 0.95 * gateways * PerGateway || (quick && stats.Percentile(0.99) >= 50))
        {
            break;
        }
    }
}

var loadAfter = Load.Average();
Console.WriteLine($"load average after: {loadAfter}");
int held = capacity.Where(c => c.P99 < 50 && c.Acked >= 0.95 * c.Offered).Select(c => c.Gateways).DefaultIfEmpty(0).Max();
Console.WriteLine($"gateways one replica holds at {PerGateway} events/s with p99 < 50 ms: {held} (largest step that passed)");
if (!args.Contains("--no-write"))
{
    CentralResults.Write((rawBefore, rawAfter), perMessage, scaling, capacity, held, SaturatingGateways, PerGateway, duration, loadBefore, loadAfter, quick);
}

internal sealed record CapacityStep(int Gateways, double Offered, double Acked, double P50, double P99, string Load, List<(string Name, int Count, double P50, double P99)> Stages);

internal static class Load
{
    public static string Average() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
