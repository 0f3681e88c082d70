using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using NATS.Client.KeyValueStore;

namespace CloudBridge.JetStream;

/// <summary>
/// The ledger of stateless ingress replicas: per gateway and lane a high-water mark in a replicated KV bucket, advanced
/// only by compare-and-set on its revision after the batch's events are stored. Any replica can take a gateway at any
/// time: a replica that finds its cached mark stale re-reads it (no false gap), events resent through another replica
/// are recognised by event id (no duplicate), and of two replicas racing on one lane only one advances it.
/// </summary>
public sealed partial class JetStreamLaneLedger(JetStreamConnection connection, JetStreamSink sink, ILogger<JetStreamLaneLedger> logger, IngressMetrics? metrics = null) : ILaneLedger
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Mark> _marks = new(StringComparer.Ordinal);

    public async Task<LedgerResult> StoreAsync(string gatewayId, UplinkBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var key = KeyOf(gatewayId, batch.Lane);
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var mark = _marks.TryGetValue(key, out var cached) ? cached : await ReadAsync(key, ct);
            var fresh = LaneContinuity.Fresh(batch, mark.HighWaterMark, out var gap);
            if (gap is not null && cached is not null)
            {
                // Another replica may have advanced the lane since this one cached it (the gateway moved and came back).
                mark = await ReadAsync(key, ct);
                fresh = LaneContinuity.Fresh(batch, mark.HighWaterMark, out gap);
            }

            if (gap is { } status)
            {
                throw new RpcException(status);
            }

            if (fresh.Count == 0)
            {
                return new LedgerResult(LaneContinuity.Ack(batch, 0), fresh);
            }

            int stored = await sink.WriteAsync(gatewayId, batch.Lane, fresh, ct);
            long last = (long)fresh[^1].Sequence;
            if (await TryAdvanceAsync(key, mark, last, ct) is { } advanced)
            {
                _marks[key] = advanced;
                return new LedgerResult(LaneContinuity.Ack(batch, stored), fresh);
            }

            // Lost the compare-and-set: another replica moved the lane. The events are stored once either way (event id).
            _marks.TryRemove(key, out _);
            var now = await ReadAsync(key, ct);
            LogRace(logger, gatewayId, batch.Lane, last, now.HighWaterMark);
            if (now.HighWaterMark >= last)
            {
                return new LedgerResult(LaneContinuity.Ack(batch, stored), []);
            }

            throw new RpcException(new Status(StatusCode.Aborted, $"lane '{batch.Lane}' was advanced to {now.HighWaterMark} by another ingress replica; reconnect and resend"));
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask<long> HighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct) =>
        (await ReadAsync(KeyOf(gatewayId, lane), ct)).HighWaterMark;

    private async Task<Mark> ReadAsync(string key, CancellationToken ct)
    {
        var ledger = (await connection.TopologyAsync(ct)).Ledger;
        var entry = await ledger.TryGetEntryAsync<byte[]>(key, cancellationToken: ct);
        if (!entry.Success)
        {
            return entry.Error is NatsKVKeyNotFoundException ? new Mark(0, 0) : throw entry.Error;
        }

        return new Mark(long.Parse(Encoding.ASCII.GetString(entry.Value.Value ?? []), CultureInfo.InvariantCulture), entry.Value.Revision);
    }

    private async Task<Mark?> TryAdvanceAsync(string key, Mark mark, long highWaterMark, CancellationToken ct)
    {
        var ledger = (await connection.TopologyAsync(ct)).Ledger;
        var value = Encoding.ASCII.GetBytes(highWaterMark.ToString(CultureInfo.InvariantCulture));
        long started = Stopwatch.GetTimestamp();
        var result = mark.Revision == 0
            ? await ledger.TryCreateAsync(key, value, cancellationToken: ct)
            : await ledger.TryUpdateAsync(key, value, mark.Revision, cancellationToken: ct);
        metrics?.LedgerUpdate(started);
        if (result.Success)
        {
            return new Mark(highWaterMark, result.Value);
        }

        // Only a lost compare-and-set is a race; anything else (a timeout, no quorum) fails the batch unacked.
        return result.Error is NatsKVWrongLastRevisionException or NatsKVCreateException ? null : throw result.Error;
    }

    // Gateway ids may hold dots, lanes never do: the last token is the lane.
    private static string KeyOf(string gatewayId, string lane) => $"{gatewayId}.{lane}";

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "Lane {Gateway}/{Lane}: another replica advanced it (to {Now}) while this one stored through {Last}")]
    private static partial void LogRace(ILogger logger, string gateway, string lane, long last, long now);

    private sealed record Mark(long HighWaterMark, ulong Revision);
}
