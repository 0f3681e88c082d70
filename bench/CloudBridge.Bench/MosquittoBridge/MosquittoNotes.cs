using System.Globalization;
using System.Text;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>The Mosquitto peer's paragraph in the results: counts, settings, and why its durability is not ours.</summary>
internal static class MosquittoNotes
{
    private const string MosquittoVersion = "2.0.11";

    public static string Describe(MosquittoDrainResult m)
    {
        var inv = CultureInfo.InvariantCulture;
        return new StringBuilder()
            .AppendLine(inv, $"Mosquitto bridge peer (Mosquitto {MosquittoVersion}, two processes on loopback, same 300 B payloads numbered in their first bytes): the link is up once so the bridge's and the consumer's sessions exist on central; central is stopped; {m.Sent:N0} QoS 1 messages are published to the edge broker, ≤ 500 awaiting PUBACK, {m.Acked:N0} acknowledged ({m.FillPerSecond:N0}/s); then central starts and the clock runs until the consumer has every message.")
            .AppendLine(inv, $"Consumer received {m.Received:N0}: {m.Distinct:N0} distinct, {m.Duplicates:N0} duplicates, {m.Missing:N0} missing; first message {m.FirstMessage.TotalMilliseconds:N0} ms after central's start (includes the bridge's reconnect backoff: with `restart_timeout 1 2` it retried every ~3 s; a single constant value was ignored by 2.0.11, which kept its 5–30 s default), last {m.Drain.TotalMilliseconds:N0} ms; {m.FlowingPerSecond:N0} events/s from the first message to the last.")
            .AppendLine(inv, $"Settings, both brokers: {m.Settings.Describe().Trim()}.")
            .Append(inv, $"Not the same durability: Mosquitto acknowledges a QoS 1 publish from memory and writes its whole database as a snapshot every `autosave_interval` ({m.Settings.AutosaveIntervalSeconds} s here) and at a clean stop, so a power cut loses up to that much acknowledged backlog, and a backlog younger than one interval may never have been on disk; our outbox fsyncs each group commit before it acknowledges, and the ingress fsyncs each batch before its ack.")
            .ToString();
    }
}
