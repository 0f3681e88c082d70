using System.Diagnostics;
using System.Threading.Channels;
using CloudBridge.Audit;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>
/// Receives uplink streams: authenticate, validate, store durably, then ack. The lanes of one stream are stored side
/// by side (one worker per lane, each lane's batches in order), so a gateway's audit or telemetry batch does not wait
/// behind its business batch; acks of different lanes may therefore arrive in any order (the edge matches them by lane).
/// </summary>
/// <remarks>
/// Batches keep arriving while a lane's batch is being stored: those already queued that continue the same lane are
/// stored together (one sink write, one fsync), then each gets its own ack. A gateway with a window of batches in
/// flight thus pays one fsync per window instead of one per batch, and no ack is sent before its events are durable.
/// </remarks>
public sealed partial class IngressService(
    GatewayAuthenticator auth, BatchValidator validator, ILaneLedger ledger, AuditChainChecker auditChain, IOptions<IngressOptions> options, ILogger<IngressService> logger, IngressMetrics? metrics = null)
    : Contract.V1.Uplink.UplinkBase
{
    /// <summary>Batches read ahead per lane while the lane's previous batch is stored (the edge's window bounds it too).</summary>
    private const int LaneQueue = 64;

    public override async Task Stream(IAsyncStreamReader<UplinkBatch> requestStream, IServerStreamWriter<UplinkAck> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        string gatewayId = "?";
        try
        {
            gatewayId = auth.Authenticate(context);
            // Headers now tell the edge the stream is accepted before it has anything to send.
            await context.WriteResponseHeadersAsync([]);
            LogOpened(logger, gatewayId, context.Peer);
            await ServeAsync(gatewayId, requestStream, responseStream, context.CancellationToken);
        }
        catch (InvalidProtocolBufferException ex)
        {
            LogRejected(logger, gatewayId, StatusCode.InvalidArgument, ex.Message);
            throw new RpcException(new Status(StatusCode.InvalidArgument, "garbage on the uplink stream: not a valid UplinkBatch (" + ex.Message + ")"));
        }
        catch (RpcException ex)
        {
            LogRejected(logger, gatewayId, ex.StatusCode, ex.Status.Detail);
            throw;
        }
    }

    private async Task ServeAsync(string gatewayId, IAsyncStreamReader<UplinkBatch> requestStream, IServerStreamWriter<UplinkAck> responseStream, CancellationToken callEnded)
    {
        // The first lane to fail ends the stream with its status; the others stop with it.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(callEnded);
        var ct = failed.Token;
        using var writeGate = new SemaphoreSlim(1, 1);
        var lanes = new Dictionary<string, Channel<(UplinkBatch Batch, long Read)>>(StringComparer.Ordinal);
        var workers = new List<Task>();
        var lastOnStream = new Dictionary<string, ulong>(StringComparer.Ordinal);
        Exception? readFailure = null;
        try
        {
            while (await requestStream.MoveNext(ct))
            {
                var batch = requestStream.Current;
                long read = Stopwatch.GetTimestamp();
                if (validator.Check(gatewayId, batch) is { } invalid)
                {
                    throw new RpcException(invalid);
                }

                if (lastOnStream.TryGetValue(batch.Lane, out ulong previous) && batch.Events[0].Sequence <= previous)
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, $"sequence regression on lane '{batch.Lane}': batch starts at {batch.Events[0].Sequence} after {previous} on this stream"));
                }

                lastOnStream[batch.Lane] = batch.Events[^1].Sequence;
                if (!lanes.TryGetValue(batch.Lane, out var queue))
                {
                    queue = Channel.CreateBounded<(UplinkBatch, long)>(new BoundedChannelOptions(LaneQueue) { SingleReader = true, SingleWriter = true });
                    lanes[batch.Lane] = queue;
                    workers.Add(StoreLaneAsync(gatewayId, queue.Reader, responseStream, writeGate, failed));
                }

                await queue.Writer.WriteAsync((batch, read), ct);
            }
        }
        catch (Exception ex) when (failed.IsCancellationRequested && !callEnded.IsCancellationRequested && ex is OperationCanceledException)
        {
            // A lane worker failed and cancelled the read: its exception below is the stream's answer.
        }
        catch (Exception ex)
        {
            readFailure = ex;
            await failed.CancelAsync();
        }

        foreach (var queue in lanes.Values)
        {
            queue.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(workers);
        }
        catch (Exception) when (readFailure is null)
        {
            // Surface the first lane's own failure (Task.WhenAll rethrows only one, maybe a cancellation).
            throw workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException)
                ?? workers.First(w => w.IsFaulted || w.IsCanceled).Exception?.InnerException ?? new OperationCanceledException(callEnded);
        }
        catch (Exception)
        {
            // The read's failure is the answer; the lanes only stopped because of it.
        }

        if (readFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(readFailure).Throw();
        }
    }

    private async Task StoreLaneAsync(string gatewayId, ChannelReader<(UplinkBatch Batch, long Read)> queue, IServerStreamWriter<UplinkAck> responseStream, SemaphoreSlim writeGate, CancellationTokenSource failed)
    {
        await Task.Yield();
        var ct = failed.Token;
        try
        {
            var group = new List<(UplinkBatch Batch, long Read)>();
            (UplinkBatch Batch, long Read)? carried = null;
            while (carried is not null || await queue.WaitToReadAsync(ct))
            {
                if (carried is { } held)
                {
                    group.Add(held);
                    carried = null;
                }
                else if (queue.TryRead(out var first))
                {
                    group.Add(first);
                }
                else
                {
                    continue;
                }

                int events = group[0].Batch.Events.Count;
                while (queue.TryRead(out var more))
                {
                    if (!Continues(group[^1].Batch, more.Batch) || events + more.Batch.Events.Count > options.Value.MaxBatchEvents)
                    {
                        carried = more;
                        break;
                    }

                    group.Add(more);
                    events += more.Batch.Events.Count;
                }

                var lane = group[0].Batch.Lane;
                var merged = Merge(group);
                var stored = await ledger.StoreAsync(gatewayId, merged, ct);
                if (lane == options.Value.AuditLane)
                {
                    // Before the ack: a failed check leaves the batch unacked, and the resend (or the next batch) catches up.
                    await auditChain.CheckAsync(gatewayId, lane, stored.Fresh, ct);
                    if (stored.Fresh.Count < merged.Events.Count)
                    {
                        // Some of it was stored before, maybe by a replica that died before checking it.
                        await auditChain.CatchUpAsync(gatewayId, lane, (long)merged.Events[^1].Sequence, ct);
                    }
                }

                await writeGate.WaitAsync(ct);
                try
                {
                    foreach (var (batch, _) in group)
                    {
                        await responseStream.WriteAsync(group.Count == 1 ? stored.Ack : AckOf(batch, stored), ct);
                    }
                }
                finally
                {
                    writeGate.Release();
                }

                foreach (var (_, read) in group)
                {
                    metrics?.Batch(lane, read);
                }

                group.Clear();
            }
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }
    }

    /// <summary>Same lane, next sequence, no announced gap: the two batches can be stored as one.</summary>
    private static bool Continues(UplinkBatch previous, UplinkBatch next) =>
        next.Events.Count > 0 && next.Lane == previous.Lane && next.SkipTo == 0 && next.Events[0].Sequence == previous.Events[^1].Sequence + 1;

    private static UplinkBatch Merge(List<(UplinkBatch Batch, long Read)> group)
    {
        if (group.Count == 1)
        {
            return group[0].Batch;
        }

        var merged = new UplinkBatch { BatchId = group[^1].Batch.BatchId, Lane = group[0].Batch.Lane, SkipTo = group[0].Batch.SkipTo };
        foreach (var (batch, _) in group)
        {
            merged.Events.Add(batch.Events);
        }

        return merged;
    }

    /// <summary>The ack of one batch of a stored group: through its own last event, with its own duplicates.</summary>
    private static UplinkAck AckOf(UplinkBatch batch, LedgerResult stored)
    {
        ulong from = batch.Events[0].Sequence, through = batch.Events[^1].Sequence;
        int fresh = stored.Fresh.Count(e => e.Sequence >= from && e.Sequence <= through);
        return new UplinkAck
        {
            Lane = batch.Lane,
            AckedThrough = through,
            BatchId = batch.BatchId,
            Duplicates = (uint)(batch.Events.Count - fresh),
        };
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Uplink stream from {Gateway} ({Peer}) opened")]
    private static partial void LogOpened(ILogger logger, string gateway, string peer);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Uplink stream from {Gateway} rejected: {Code} {Reason}")]
    private static partial void LogRejected(ILogger logger, string gateway, StatusCode code, string reason);
}
