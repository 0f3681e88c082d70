using CloudBridge.Contract.V1;

namespace CloudBridge.Sinks;

/// <summary>Where central stores uplink events. The ingress acks a batch only after <see cref="WriteAsync"/> returned.</summary>
public interface ISink
{
    /// <summary>The highest sequence stored for a gateway's lane; 0 when none.</summary>
    ValueTask<long> GetHighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct);

    /// <summary>
    /// Stores events of one lane (ascending, all above the high-water mark) and returns once they are durable.
    /// Returns how many were new (a deduplicating sink may recognise some as already stored).
    /// </summary>
    Task<int> WriteAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> events, CancellationToken ct);

    /// <summary>Stored events of a lane after a sequence, ascending.</summary>
    IAsyncEnumerable<EventEnvelope> ReadAsync(string gatewayId, string lane, long afterSequence, CancellationToken ct);
}
