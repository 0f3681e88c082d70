using System.Threading.Channels;
using CloudBridge.Audit;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>Receives uplink streams: authenticate, validate, store durably, then ack.</summary>
/// <remarks>
/// Batches keep arriving while one is being stored: those already received that continue the same lane are stored
/// together (one sink write, one fsync), then each gets its own ack. A gateway with a window of batches in flight
/// thus pays one fsync per window instead of one per batch, and no ack is sent before its events are durable.
/// </remarks>
public sealed partial class IngressService(
    GatewayAuthenticator auth, BatchValidator validator, ILaneLedger ledger, AuditChainChecker auditChain, IOptions<IngressOptions> options, ILogger<IngressService> logger)
    : Contract.V1.Uplink.UplinkBase
{
    private const int ReceivedAhead = 64;

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
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            var received = Channel.CreateBounded<UplinkBatch>(new BoundedChannelOptions(ReceivedAhead) { SingleReader = true, SingleWriter = true });
            var receiving = ReceiveAsync(requestStream, received.Writer, stop.Token);
            try
            {
                await StoreAndAckAsync(gatewayId, received.Reader, responseStream, stop.Token);
            }
            finally
            {
                await stop.CancelAsync();
                await receiving.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            // The stream ended: a failure of the receiving side (garbage, a broken call) is the answer.
            await receiving;
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

    private static async Task ReceiveAsync(IAsyncStreamReader<UplinkBatch> requests, ChannelWriter<UplinkBatch> received, CancellationToken ct)
    {
        try
        {
            while (await requests.MoveNext(ct))
            {
                await received.WriteAsync(requests.Current, ct);
            }
        }
        finally
        {
            received.TryComplete();
        }
    }

    private async Task StoreAndAckAsync(string gatewayId, ChannelReader<UplinkBatch> received, IServerStreamWriter<UplinkAck> responses, CancellationToken ct)
    {
        var lastOnStream = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var group = new List<UplinkBatch>();
        UplinkBatch? carried = null;
        while (carried is not null || await received.WaitToReadAsync(ct))
        {
            var first = carried ?? (received.TryRead(out var next) ? next : null);
            carried = null;
            if (first is null)
            {
                continue;
            }

            Accept(gatewayId, first, lastOnStream);
            group.Clear();
            group.Add(first);
            RpcException? refused = null;
            int events = first.Events.Count;
            while (refused is null && received.TryRead(out var more))
            {
                if (!Continues(group[^1], more) || events + more.Events.Count > options.Value.MaxBatchEvents)
                {
                    carried = more;
                    break;
                }

                try
                {
                    Accept(gatewayId, more, lastOnStream);
                    group.Add(more);
                    events += more.Events.Count;
                }
                catch (RpcException ex)
                {
                    // The batches before the bad one are stored and acked first, as if they had come alone.
                    refused = ex;
                }
            }

            var stored = await ledger.StoreAsync(gatewayId, Merge(group), ct);
            if (first.Lane == options.Value.AuditLane)
            {
                // Before the ack: a failed check leaves the batch unacked, and the resend (or the next batch) catches up.
                await auditChain.CheckAsync(gatewayId, first.Lane, stored.Fresh, ct);
            }

            foreach (var batch in group)
            {
                await responses.WriteAsync(group.Count == 1 ? stored.Ack : AckOf(batch, stored), ct);
            }

            if (refused is not null)
            {
                throw refused;
            }
        }
    }

    /// <summary>Checks a batch on its own and against the one before it on this stream; a failure ends the stream.</summary>
    private void Accept(string gatewayId, UplinkBatch batch, Dictionary<string, ulong> lastOnStream)
    {
        if (validator.Check(gatewayId, batch) is { } invalid)
        {
            throw new RpcException(invalid);
        }

        if (lastOnStream.TryGetValue(batch.Lane, out ulong previous) && batch.Events[0].Sequence <= previous)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"sequence regression on lane '{batch.Lane}': batch starts at {batch.Events[0].Sequence} after {previous} on this stream"));
        }

        lastOnStream[batch.Lane] = batch.Events[^1].Sequence;
    }

    /// <summary>Same lane, next sequence, no announced gap: the two batches can be stored as one.</summary>
    private static bool Continues(UplinkBatch previous, UplinkBatch next) =>
        next.Events.Count > 0 && next.Lane == previous.Lane && next.SkipTo == 0 && next.Events[0].Sequence == previous.Events[^1].Sequence + 1;

    private static UplinkBatch Merge(List<UplinkBatch> group)
    {
        if (group.Count == 1)
        {
            return group[0];
        }

        var merged = new UplinkBatch { BatchId = group[^1].BatchId, Lane = group[0].Lane, SkipTo = group[0].SkipTo };
        foreach (var batch in group)
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
