using CloudBridge.Audit;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>Receives uplink streams: authenticate, validate, store durably, then ack.</summary>
public sealed partial class IngressService(
    GatewayAuthenticator auth, BatchValidator validator, ILaneLedger ledger, AuditChainChecker auditChain, IOptions<IngressOptions> options, ILogger<IngressService> logger)
    : Contract.V1.Uplink.UplinkBase
{
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
            var lastOnStream = new Dictionary<string, ulong>(StringComparer.Ordinal);
            var ct = context.CancellationToken;
            while (await requestStream.MoveNext(ct))
            {
                var batch = requestStream.Current;
                if (validator.Check(gatewayId, batch) is { } invalid)
                {
                    throw new RpcException(invalid);
                }

                if (lastOnStream.TryGetValue(batch.Lane, out ulong previous) && batch.Events[0].Sequence <= previous)
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, $"sequence regression on lane '{batch.Lane}': batch starts at {batch.Events[0].Sequence} after {previous} on this stream"));
                }

                var stored = await ledger.StoreAsync(gatewayId, batch, ct);
                if (batch.Lane == options.Value.AuditLane)
                {
                    // Before the ack: a failed check leaves the batch unacked, and the resend (or the next batch) catches up.
                    await auditChain.CheckAsync(gatewayId, batch.Lane, stored.Fresh, ct);
                }

                lastOnStream[batch.Lane] = batch.Events[^1].Sequence;
                await responseStream.WriteAsync(stored.Ack, ct);
            }
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

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Uplink stream from {Gateway} ({Peer}) opened")]
    private static partial void LogOpened(ILogger logger, string gateway, string peer);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Uplink stream from {Gateway} rejected: {Code} {Reason}")]
    private static partial void LogRejected(ILogger logger, string gateway, StatusCode code, string reason);
}
