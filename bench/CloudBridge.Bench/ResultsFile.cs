using System.Globalization;
using System.Text;
using CloudBridge.Bench.MosquittoBridge;

namespace CloudBridge.Bench;

/// <summary>Writes this bench's own section of bench/RESULTS.md, replacing an earlier run of it and leaving other sections alone.</summary>
internal static class ResultsFile
{
    private const string Heading = "## CloudBridge uplink: backlog drain vs raw gRPC";

    public static void WriteSection(int events, int payloadBytes, int batchSize, int window, double raw, BridgeDrainResult bridge, ReconnectResult reconnect, MosquittoDrainResult mosquitto, (double ReadMs, double SinkMs, double AckMs) stages, string architecture, int cores, string loadBefore)
    {
        var path = Environment.GetEnvironmentVariable("BENCH_RESULTS") is { Length: > 0 } target ? target : Path.Combine(RepositoryPaths.BenchDirectory(), "RESULTS.md");
        var inv = CultureInfo.InvariantCulture;
        var section = new StringBuilder()
            .AppendLine(Heading)
            .AppendLine()
            .AppendLine(inv, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {architecture}, {cores} cores, `dotnet run -c Release --project bench/CloudBridge.Bench{(events < 1_000_000 ? " -- --quick" : "")}`.")
            .AppendLine(inv, $"{events:N0} events of {payloadBytes} B, batches of {batchSize}, {window} batches in flight, edge and ingress in one process.")
            .AppendLine()
            .AppendLine("| measure | value |")
            .AppendLine("|---|---|")
            .AppendLine(inv, $"| raw gRPC bidi stream, same envelopes, ack per batch, no outbox, no sink | {raw:N0} events/s |")
            .AppendLine(inv, $"| bridge drain: outbox in the agent's DurableStore (LiteDB, group commit, acks recorded as fsynced marks) → gRPC → file sink (fsync per batch) | {bridge.DrainPerSecond:N0} events/s |")
            .AppendLine(inv, $"| ratio bridge / raw | {bridge.DrainPerSecond / raw:P1} |")
            .AppendLine(inv, $"| Mosquitto bridge drain: edge Mosquitto (persistence, periodic snapshot) → bridge QoS 1 → central Mosquitto → MQTTnet consumer (persistent session), from central's start to the last new message | {mosquitto.DrainPerSecond:N0} events/s |")
            .AppendLine(inv, $"| ratio bridge / Mosquitto bridge | {bridge.DrainPerSecond / mosquitto.DrainPerSecond:N2}× |")
            .AppendLine(inv, $"| the sender's memory while draining: most it held at once between the outbox read and the stream write (read-ahead `ReadAheadBatches` 2 / `ReadAheadBytes` 4 MiB, plus the batch being written) | {bridge.PeakHeld.Batches:N0} batches, {bridge.PeakHeld.Events:N0} events, {bridge.PeakHeld.Bytes / 1024.0:N0} KiB ({bridge.EventsRead:N0} events read in all) |")
            .AppendLine(inv, $"| outbox fill through DurableStore.WriteAsync, 1,000 events per fsynced write | {bridge.FillPerSecond:N0} events/s |")
            .AppendLine(inv, $"| reopen store + status with the full backlog | {bridge.ReopenAndStatus.TotalMilliseconds:N0} ms |")
            .AppendLine(inv, $"| first ack after the sender starts | {bridge.FirstAck.TotalMilliseconds:N0} ms |")
            .AppendLine(inv, $"| after a 3 s outage: first ack after the ingress is back | {reconnect.FirstAckAfterReturn.TotalMilliseconds:N0} ms |")
            .AppendLine(inv, $"| after a 3 s outage: {reconnect.Backlog:N0}-event backlog drained after the ingress is back | {reconnect.BacklogDrainedAfterReturn.TotalMilliseconds:N0} ms |")
            .AppendLine()
            .AppendLine(inv, $"Where a batch of {batchSize} spends its time (each stage alone, 100 batches): outbox read {stages.ReadMs:N1} ms, file sink write + fsync {stages.SinkMs:N1} ms, ack mark + fsync {stages.AckMs:N1} ms. The edge read (LiteDB document decoding) and the sink's fsync dominate; the raw stream has neither store.")
            .AppendLine(inv, $"The machine is shared with other builds: load average (1, 5, 15 min) {loadBefore} at the start, {LoadAverage()} at the end. Compare the rows of one run, not runs with each other.")
            .AppendLine()
            .AppendLine(MosquittoNotes.Describe(mosquitto))
            .ToString();

        string existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n";
        int start = existing.IndexOf(Heading, StringComparison.Ordinal);
        string updated;
        if (start < 0)
        {
            updated = existing.TrimEnd('\n') + "\n\n" + section;
        }
        else
        {
            int next = existing.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            updated = existing[..start] + section + (next < 0 ? "" : existing[(next + 1)..]);
        }

        File.WriteAllText(path, updated);
        Console.WriteLine("wrote section to " + path);
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";
}
