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

    public IngressMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(AuditChainMetrics.MeterName);
        _batch = meter.CreateHistogram<double>("cloudbridge.ingress.batch_duration", "ms", "From a batch read off the uplink stream to its ack written: store, ledger, audit check; by lane");
        _publish = meter.CreateHistogram<double>("cloudbridge.jetstream.publish_duration", "ms", "One event's JetStream publish until its ack (quorum of the stream's replicas)");
        _ledger = meter.CreateHistogram<double>("cloudbridge.jetstream.ledger_update_duration", "ms", "The lane ledger's compare-and-set after a batch is stored");
    }

    public void Batch(string lane, long startedTimestamp) =>
        _batch.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("lane", lane));

    public void Publish(long startedTimestamp) => _publish.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);

    public void LedgerUpdate(long startedTimestamp) => _ledger.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
}
