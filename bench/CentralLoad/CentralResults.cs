using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CentralLoad;

/// <summary>Writes this bench's own section of bench/RESULTS.md, replacing an earlier run of it and leaving the others alone.</summary>
internal static class CentralResults
{
    private const string Heading = "## Central at scale: stateless ingress replicas on a 3-node JetStream cluster";

    public static void Write((double Before, double After) rawRuns, List<int> perMessage, List<(int Replicas, double EventsPerSecond, string Load)> scaling, List<CapacityStep> capacity,
        int held, int saturating, double perGateway, TimeSpan duration, string loadBefore, string loadAfter, bool quick)
    {
        var inv = CultureInfo.InvariantCulture;
        double raw = (rawRuns.Before + rawRuns.After) / 2;
        var s = new StringBuilder()
            .AppendLine(Heading)
            .AppendLine()
            .AppendLine(inv, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, `dotnet run -c Release --project bench/CentralLoad{(quick ? " -- --quick" : "")}`; load average {loadBefore} before, {loadAfter} after.")
            .AppendLine(inv, $"Everything on this one machine: three nats-server 2.9 nodes (streams and KV buckets R3, 3 events partitions), the ingress replicas (in-process hosts), and the load generator; {duration.TotalSeconds:N0} s measured per figure after a warm-up. Events of {LaneMix.PayloadBytes} B over lanes business 60 % / telemetry 35 % / audit 5 %.")
            .AppendLine()
            .AppendLine("| measure | value |")
            .AppendLine("|---|---|")
            .AppendLine(inv, $"| raw JetStream publish (the reference, like for like): the same stored form (one `StoredEvents` message of {string.Join('/', perMessage)} envelopes on business/telemetry/audit: the mean the ingress published per message in the 1-replica run), same headers (message id, expected last subject sequence, format), same window (one message in flight per gateway and lane), {saturating} publishers × 3 lanes into 3 partition streams; run after the 1-replica run and after the 3-replica run | {raw:N0} events/s (mean of {rawRuns.Before:N0} and {rawRuns.After:N0}) |");
        foreach (var (replicas, eps, load) in scaling)
        {
            s.AppendLine(inv, $"| {replicas} ingress replica(s), {saturating * replicas} saturated gateways (8 batches of 200/250/10 in flight each over gRPC): one JetStream message per lane's batch (queued batches of a lane merged), audit check per audit batch, lane mark recorded in KV after the ack | {eps:N0} events/s ({eps / raw:P0} of raw; {eps / replicas:N0} per replica); load {load} |");
        }

        foreach (var c in capacity)
        {
            var stages = string.Join("; ", c.Stages.Select(x => string.Create(inv, $"{x.Name} p50 {x.P50:N1} / p99 {x.P99:N1}{StageTimes.UnitOf(x.Name)}")));
            s.AppendLine(inv, $"| {c.Gateways} gateways × {perGateway:N0} events/s on one replica (a batch per lane every 250 ms) | acked {c.Acked:N0} of {c.Offered:N0} events/s; ack p50 {c.P50:N1} ms, p99 {c.P99:N1} ms; load {c.Load}; inside the ingress: {stages} |");
        }

        s.AppendLine(inv, $"| gateways one replica holds at {perGateway:N0} events/s with p99 ack < 50 ms (largest passing step) | {held} |")
            .AppendLine()
            .AppendLine("Durability behind these acks: nats-server 2.9 acknowledges a publish once a quorum of the R3 stream has it (no per-message fsync on this version), so an acked event survives the loss of any one node (tested: `CentralClusterTests`).")
            .AppendLine("The cluster, the replicas and the generator share the same cores, so the scaling line measures contention on this machine, not what separate hosts would give; the sizing in `CloudBridge/README.md` reasons per core from these figures.")
            .AppendLine();
        var path = Environment.GetEnvironmentVariable("BENCH_RESULTS") is { Length: > 0 } target ? target : Path.Combine(BenchDirectory(), "RESULTS.md");
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\n";
        int start = text.IndexOf(Heading, StringComparison.Ordinal);
        if (start >= 0)
        {
            int end = text.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            text = text[..start] + s + (end >= 0 ? text[(end + 1)..] : "");
        }
        else
        {
            text = text.TrimEnd() + "\n\n" + s;
        }

        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }

    private static string BenchDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeAgent.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? Directory.GetCurrentDirectory(), "bench");
    }
}
