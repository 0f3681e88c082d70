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
/// The ledger of stateless ingress replicas. A lane's high-water mark is the last event the events stream holds on the
/// lane's subject: the sink appends only after it (<c>Nats-Expected-Last-Subject-Sequence</c>), so of two replicas racing
/// on a lane only one appends each message, a gateway moving between replicas continues without a false gap (a replica
/// whose cached view is stale re-reads the lane before calling anything a gap) and without a duplicate (events at or
/// below the mark are acked as duplicates), and a batch costs one publish round trip before its ack.
/// </summary>
/// <remarks>
/// Each mark is also recorded in a replicated KV bucket (<c>LedgerBucket</c>, key <c>{gateway}.{lane}</c>, advanced only
/// upward by compare-and-set), written after the ack and off its path (coalesced per lane): it is the floor when the
/// stream holds nothing of a lane any more (every message of an idle lane aged out after <c>MaxAge</c>), so such a lane
/// continues after its last sequence instead of being refused as a gap.
/// </remarks>
public sealed partial class JetStreamLaneLedger(JetStreamConnection connection, JetStreamSink sink, ILogger<JetStreamLaneLedger> logger, IngressMetrics? metrics = null, TimeProvider? time = null) : ILaneLedger, IAsyncDisposable
{
    /// <summary>How long stopping waits for marks still being recorded.</summary>
    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MarkWriter> _writers = new(StringComparer.Ordinal);

    public async Task<LedgerResult> StoreAsync(string gatewayId, UplinkBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var key = KeyOf(gatewayId, batch.Lane);
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            long mark = await MarkAsync(gatewayId, batch.Lane, cached: true, ct);
            var fresh = LaneContinuity.Fresh(batch, mark, out var gap);
            if (gap is not null)
            {
                // Another replica may have stored more of the lane since this one looked (the gateway moved and came back).
                mark = await MarkAsync(gatewayId, batch.Lane, cached: false, ct);
                fresh = LaneContinuity.Fresh(batch, mark, out gap);
            }

            if (gap is { } status)
            {
                throw new RpcException(status);
            }

            if (fresh.Count == 0)
            {
                return new LedgerResult(LaneContinuity.Ack(batch, 0), fresh);
            }

            var stored = await sink.StoreAsync(gatewayId, batch.Lane, fresh, ct);
            if (stored.Count < fresh.Count)
            {
                LogRace(logger, gatewayId, batch.Lane, fresh.Count - stored.Count, (long)fresh[^1].Sequence);
            }

            Record(key, (long)fresh[^1].Sequence);
            return new LedgerResult(LaneContinuity.Ack(batch, stored.Count), stored);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask<long> HighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct) =>
        await MarkAsync(gatewayId, lane, cached: false, ct);

    /// <summary>The mark recorded in the KV bucket (the floor for a lane whose messages aged out); 0 when none.</summary>
    public async ValueTask<long> RecordedMarkAsync(string gatewayId, string lane, CancellationToken ct) =>
        (await ReadRecordedAsync(KeyOf(gatewayId, lane), ct)).HighWaterMark;

    private async ValueTask<long> MarkAsync(string gatewayId, string lane, bool cached, CancellationToken ct)
    {
        long stored = await sink.LastStoredAsync(gatewayId, lane, cached, ct);
        // Nothing of the lane in the stream: a new lane, or one whose messages all aged out. The recorded mark tells which.
        return stored > 0 ? stored : (await ReadRecordedAsync(KeyOf(gatewayId, lane), ct)).HighWaterMark;
    }

    /// <summary>Records a lane's mark in the bucket after the ack, off its path: one write at a time per lane, the newest mark.</summary>
    private void Record(string key, long mark)
    {
        var writer = _writers.GetOrAdd(key, _ => new MarkWriter());
        lock (writer)
        {
            if (mark <= writer.Target)
            {
                return;
            }

            writer.Target = mark;
            if (writer.Running)
            {
                return;
            }

            writer.Running = true;
        }

        writer.Task = Task.Run(() => WriteMarksAsync(key, writer));
    }

    /// <summary>Waits (a bounded time) for the marks still being recorded, before the connection they use is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        var running = _writers.Values.Select(w => w.Task).OfType<Task>().Where(t => !t.IsCompleted).ToList();
        if (running.Count > 0)
        {
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(DrainOnStop, time ?? TimeProvider.System));
        }
    }

    private async Task WriteMarksAsync(string key, MarkWriter writer)
    {
        while (true)
        {
            long target;
            lock (writer)
            {
                if (writer.Written >= writer.Target)
                {
                    writer.Running = false;
                    return;
                }

                target = writer.Target;
            }

            try
            {
                await AdvanceRecordedAsync(key, target, CancellationToken.None);
                lock (writer)
                {
                    writer.Written = target;
                }
            }
            catch (Exception ex) when (ex is NATS.Client.Core.NatsException or NATS.Client.JetStream.NatsJSException or TimeoutException or OperationCanceledException)
            {
                // The next batch of the lane tries again with its newer mark; until then the floor lags (harmless while the
                // stream holds the lane's messages).
                LogRecordFailed(logger, key, target, ex.Message);
                lock (writer)
                {
                    writer.Running = false;
                }

                return;
            }
        }
    }

    private async Task AdvanceRecordedAsync(string key, long highWaterMark, CancellationToken ct)
    {
        var ledger = (await connection.TopologyAsync(ct)).Ledger;
        var value = Encoding.ASCII.GetBytes(highWaterMark.ToString(CultureInfo.InvariantCulture));
        while (true)
        {
            var now = await ReadRecordedAsync(key, ct);
            if (now.HighWaterMark >= highWaterMark)
            {
                return; // Another replica recorded as far or further: marks only go up.
            }

            long started = Stopwatch.GetTimestamp();
            var result = now.Revision == 0
                ? await ledger.TryCreateAsync(key, value, cancellationToken: ct)
                : await ledger.TryUpdateAsync(key, value, now.Revision, cancellationToken: ct);
            metrics?.LedgerUpdate(started);
            if (result.Success)
            {
                return;
            }

            if (result.Error is not (NatsKVWrongLastRevisionException or NatsKVCreateException))
            {
                throw result.Error;
            }
        }
    }

    private async Task<Mark> ReadRecordedAsync(string key, CancellationToken ct)
    {
        var ledger = (await connection.TopologyAsync(ct)).Ledger;
        var entry = await ledger.TryGetEntryAsync<byte[]>(key, cancellationToken: ct);
        if (!entry.Success)
        {
            return entry.Error is NatsKVKeyNotFoundException ? new Mark(0, 0) : throw entry.Error;
        }

        return new Mark(long.Parse(Encoding.ASCII.GetString(entry.Value.Value ?? []), CultureInfo.InvariantCulture), entry.Value.Revision);
    }

    // Gateway ids may hold dots, lanes never do: the last token is the lane.
    private static string KeyOf(string gatewayId, string lane) => $"{gatewayId}.{lane}";

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "Lane {Gateway}/{Lane}: {Events} events through {Last} were stored by another replica meanwhile (acked as duplicates)")]
    private static partial void LogRace(ILogger logger, string gateway, string lane, int events, long last);

    [LoggerMessage(EventId = 54, Level = LogLevel.Warning, Message = "Lane ledger {Key}: recording mark {Mark} failed ({Message}); the next batch records it")]
    private static partial void LogRecordFailed(ILogger logger, string key, long mark, string message);

    private sealed record Mark(long HighWaterMark, ulong Revision);

    private sealed class MarkWriter
    {
        public long Target { get; set; }

        public long Written { get; set; }

        public bool Running { get; set; }

        public Task? Task { get; set; }
    }
}
