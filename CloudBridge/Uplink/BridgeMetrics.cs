using System.Globalization;
using System.Text;

namespace CloudBridge.Uplink;

/// <summary>Renders a <see cref="BridgeStatus"/> in the Prometheus text format for the host's /metrics.</summary>
public static class BridgeMetrics
{
    public static string ToPrometheus(BridgeStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();
        Gauge(text, "edgeagent_bridge_connected", status.Connected ? 1 : 0);
        Gauge(text, "edgeagent_bridge_circuit_open", status.CircuitOpen ? 1 : 0);
        Gauge(text, "edgeagent_bridge_quota_alarm", status.QuotaAlarm ? 1 : 0);
        Gauge(text, "edgeagent_bridge_events_acked_total", status.EventsAcked);
        Gauge(text, "edgeagent_bridge_acked_per_second", status.AckedPerSecond);
        Gauge(text, "edgeagent_bridge_sessions_total", status.Sessions);
        foreach (var lane in status.Lanes)
        {
            var label = $"{{lane=\"{lane.Lane}\"}}";
            Gauge(text, "edgeagent_bridge_backlog_events" + label, lane.Backlog);
            Gauge(text, "edgeagent_bridge_backlog_bytes" + label, lane.BacklogBytes);
            Gauge(text, "edgeagent_bridge_shed_events_total" + label, lane.Shed);
            Gauge(text, "edgeagent_bridge_oldest_unacked_seconds" + label, lane.OldestUnackedAge?.TotalSeconds ?? 0);
        }

        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, double value) =>
        text.Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
}
