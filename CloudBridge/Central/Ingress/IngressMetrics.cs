using System.Diagnostics;
using System.Diagnostics.Metrics;
using CloudBridge.Audit;

namespace CloudBridge.Ingress;

/// <summary>
/// Where an uplink ack's time goes, on the <c>CloudBridge.Central</c> meter: the ingress's work per batch and, on
/// JetStream, each publish's round trip and the ledger's compare-and-set. The difference between a gateway's ack
/// latency and <c>cloudbridge.ingress.batch_duration</c> is waiting (network, the stream's queue, the CPU).
/// </summary>
public sealed class IngressMetrics
{
    private readonly Histogram<double> _batch;
    private readonly Histogram<double> _publish;
    private readonly Histogram<double> _ledger;
    private readonly Histogram<double> _messageEvents;

    public IngressMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(AuditChainMetrics.MeterName);
        _batch = meter.CreateHistogram<double>("cloudbridge.ingress.batch_duration", "ms", "From a batch read off the uplink stream to its ack written: store, ledger, audit check; by lane");
        _publish = meter.CreateHistogram<double>("cloudbridge.jetstream.publish_duration", "ms", "One JetStream message's publish (a lane's batch, or part of it) until its ack (quorum of the stream's replicas); by lane");
        _messageEvents = meter.CreateHistogram<double>("cloudbridge.jetstream.message_events", "{event}", "Events stored in one JetStream message; by lane");
        _ledger = meter.CreateHistogram<double>("cloudbridge.jetstream.ledger_update_duration", "ms", "The lane ledger's compare-and-set after a batch is stored");
    }

    public void Batch(string lane, long startedTimestamp) =>
        _batch.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("lane", lane));

    public void Publish(long startedTimestamp, string lane, int events)
    {
        var tag = new KeyValuePair<string, object?>("lane", lane);
        _publish.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, tag);
        _messageEvents.Record(events, tag);
    }

    public void LedgerUpdate(long startedTimestamp) => _ledger.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
}
