using System.Diagnostics.Metrics;
using CloudBridge.Uplink;
using EdgeAgent.Bridge;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Handhelds;
using EdgeAgent.Planning;
using EdgeAgent.Retention;
using EdgeAgent.Storage;

namespace EdgeAgent.Hosting;

/// <summary>
/// The agent's health in .NET's own metrics, read when scraped (<c>/metrics</c>, Prometheus format):
/// the store's group commits, the handhelds' traffic and refusals, the broker's refusals, the bridge.
/// </summary>
public sealed class AgentMetrics
{
    public const string MeterName = AgentMeter.Name;

    public AgentMetrics(IMeterFactory meters, DurableStore store, HandheldLoop handhelds, AgentBroker broker, PickPlanner planner, IBridgeStatus bridge, FreeSpaceWatch disk, RetentionCounters retention)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(disk);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("edgeagent.store.groups", () => store.Stats.GroupsCommitted, description: "Group commits made durable");
        meter.CreateObservableCounter("edgeagent.store.changes", () => store.Stats.ChangesCommitted, description: "Changes committed");
        meter.CreateObservableCounter("edgeagent.store.fsyncs", () => store.Stats.Fsyncs, description: "fsyncs of the store's log");
        meter.CreateObservableCounter("edgeagent.store.failed_changes", () => store.Stats.FailedChanges, description: "Changes that failed and were not acknowledged");
        meter.CreateObservableCounter("edgeagent.handhelds.received", () => handhelds.Counters?.Received ?? 0, description: "Handheld messages received");
        meter.CreateObservableCounter("edgeagent.handhelds.answered", () => handhelds.Counters?.Answered ?? 0, description: "Handheld messages answered");
        meter.CreateObservableCounter("edgeagent.handhelds.errors", HandheldErrors, description: "Error prompts sent, by code");
        meter.CreateObservableCounter("edgeagent.broker.refused", () => BrokerRefusals(broker), description: "Connects, publishes and subscriptions the broker refused, by reason");
        meter.CreateObservableCounter("edgeagent.broker.dropped", () => BrokerDrops(broker), description: "Acknowledged messages the broker dropped from a full session queue, by receiving client");
        meter.CreateObservableCounter("edgeagent.broker.held", () => broker.Embedded?.Counters.PublishesHeld ?? 0, description: "Devices' publishes held unacknowledged (backpressure) while an agent session's queue was filling");
        meter.CreateObservableCounter("edgeagent.planning.rebalances", () => planner.Counters.ByOutcome.Select(o => new Measurement<long>(o.Value, new KeyValuePair<string, object?>("outcome", o.Key))), description: "Rebalances, by model or by the reason the rule planned");
        meter.CreateObservableGauge("edgeagent.planning.last_rebalance_ms", () => planner.Counters.LastMilliseconds, unit: "ms", description: "How long the last rebalance took");
        meter.CreateObservableGauge("edgeagent.planning.models_off", () => planner.ModelsSwitchedOff ? 1 : 0, description: "1 while a drift alarm keeps the models off");
        meter.CreateObservableGauge("edgeagent.storage.free_bytes", () => disk.Status.FreeBytes ?? 0, unit: "By", description: "Free bytes of the data directory's file system when last measured");
        meter.CreateObservableGauge("edgeagent.storage.low", () => disk.IsLow ? 1 : 0, description: "1 while the data disk is under Store:MinFreeBytes: telemetry is shed and business work refused");
        meter.CreateObservableCounter("edgeagent.storage.shed", () => disk.Status.TelemetryShed, description: "Telemetry floor events shed because the data disk was under its floor");
        meter.CreateObservableCounter("edgeagent.storage.refused", () => disk.Status.BusinessRefused, description: "Business floor events refused (device told to retry) because the data disk was under its floor");
        ArgumentNullException.ThrowIfNull(retention);
        meter.CreateObservableCounter("edgeagent.retention.passes", () => retention.Passes, description: "Retention passes run (Store:Retention)");
        meter.CreateObservableCounter<long>("edgeagent.retention.removed", () => new Measurement<long>[]
        {
            new(retention.FloorEvents, new KeyValuePair<string, object?>("kind", "floor_event")),
            new(retention.Tasks, new KeyValuePair<string, object?>("kind", "task")),
            new(retention.AuditRecords, new KeyValuePair<string, object?>("kind", "audit_record")),
            new(retention.OutboxEvents, new KeyValuePair<string, object?>("kind", "outbox_event")),
        }, description: "Documents retention removed after central acknowledged them and they passed Store:Retention:MaxAgeDays, by kind");
        if (bridge.Configured)
        {
            var uplink = bridge;
            meter.CreateObservableGauge("edgeagent.bridge.connected", () => uplink.Snapshot().Connected ? 1 : 0, description: "1 while the uplink to central is connected");
            meter.CreateObservableCounter("edgeagent.bridge.acked", () => uplink.Snapshot().EventsAcked, description: "Events central acknowledged");
            meter.CreateObservableGauge("edgeagent.bridge.backlog", () => uplink.Snapshot().Lanes.Select(l => Lane(l.Backlog, l.Lane)), description: "Events waiting for central, by lane");
            meter.CreateObservableGauge("edgeagent.bridge.oldest_unacked_seconds", () => uplink.Snapshot().Lanes.Select(l => Lane(l.OldestUnackedAge?.TotalSeconds ?? 0, l.Lane)), description: "Age of the oldest unacknowledged event, by lane");
            meter.CreateObservableCounter("edgeagent.bridge.shed", () => uplink.Snapshot().Lanes.Select(l => Lane(l.Shed, l.Lane)), description: "Events shed over the outbox quota, by lane");
            meter.CreateObservableGauge("edgeagent.bridge.held_bytes", () => uplink.Snapshot().Held.Bytes, unit: "By", description: "Bytes of events the uplink sender holds between the outbox read and the stream write (bounded by CloudBridge:Uplink:ReadAheadBytes, not by the backlog)");
            meter.CreateObservableGauge("edgeagent.bridge.quota_alarm", () => uplink.Snapshot().QuotaAlarm ? 1 : 0, description: "1 while business events are refused for lack of outbox space");
        }

        IEnumerable<Measurement<long>> HandheldErrors() =>
            handhelds.Counters?.ErrorsByCode.Select(e => new Measurement<long>(e.Value, new KeyValuePair<string, object?>("code", e.Key.ToString()))) ?? [];
    }

    private static Measurement<T> Lane<T>(T value, string lane)
        where T : struct => new(value, new KeyValuePair<string, object?>("lane", lane));

    // The agent's own sessions are always reported, at 0 until a drop, so an alert on their increase has a series to watch.
    private static IEnumerable<Measurement<long>> BrokerDrops(AgentBroker broker)
    {
        if (broker.Embedded?.Counters is not { } c)
        {
            return [];
        }

        var own = AgentBroker.SessionRoles.Select(role => $"{broker.AgentClientId}-{role}").Prepend(broker.AgentClientId);
        return own.Union(c.DroppedByClient.Keys, StringComparer.Ordinal)
            .Select(client => new Measurement<long>(c.DroppedByClient.GetValueOrDefault(client), new KeyValuePair<string, object?>("client", client)));
    }

    private static IEnumerable<Measurement<long>> BrokerRefusals(AgentBroker broker)
    {
        if (broker.Embedded?.Counters is not { } c)
        {
            yield break;
        }

        yield return new(c.RefusedConnections, new KeyValuePair<string, object?>("reason", "connect"));
        yield return new(c.RefusedByAcl, new KeyValuePair<string, object?>("reason", "acl-publish"));
        yield return new(c.RefusedSubscriptions, new KeyValuePair<string, object?>("reason", "acl-subscribe"));
        yield return new(c.RefusedOutsideNamespace, new KeyValuePair<string, object?>("reason", "outside-namespace"));
        yield return new(c.RefusedPayloadTooLarge, new KeyValuePair<string, object?>("reason", "payload-too-large"));
        yield return new(c.RefusedUntilRead, new KeyValuePair<string, object?>("reason", "no-reader-yet"));
    }
}
