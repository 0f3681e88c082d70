using CloudBridge.Audit;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>The ERP's side of central: append downlink commands, read what arrived uplink, see each gateway's audit-chain check.</summary>
public sealed class AdminService(
    GatewayAuthenticator auth, ICommandLog commands, ISink sink, ILaneLedger ledger, AuditChainChecker auditChain, IOptions<IngressOptions> options)
    : CentralAdmin.CentralAdminBase
{
    public override async Task<AppendCommandReply> AppendCommand(AppendCommandRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        auth.AuthenticateAdmin(context);
        RequireKnownGateway(request.GatewayId);
        if (request.CommandId.Length is 0 or > 128)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "command_id is required (at most 128 characters)"));
        }

        if (request.Kind == CommandKind.Unspecified)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "command kind is required"));
        }

        return await commands.AppendAsync(request, context.CancellationToken);
    }

    public override async Task ReadEvents(ReadEventsRequest request, IServerStreamWriter<EventEnvelope> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        auth.AuthenticateAdmin(context);
        RequireKnownGateway(request.GatewayId);
        long max = request.MaxEvents == 0 ? long.MaxValue : request.MaxEvents;
        await foreach (var e in sink.ReadAsync(request.GatewayId, request.Lane, (long)request.AfterSequence, context.CancellationToken))
        {
            if (max-- <= 0)
            {
                break;
            }

            await responseStream.WriteAsync(e, context.CancellationToken);
        }
    }

    public override async Task<LaneStateReply> GetLaneState(LaneStateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        auth.AuthenticateAdmin(context);
        RequireKnownGateway(request.GatewayId);
        return new LaneStateReply { HighWaterMark = (ulong)await ledger.HighWaterMarkAsync(request.GatewayId, request.Lane, context.CancellationToken) };
    }

    public override async Task<AuditChainState> GetAuditChain(AuditChainRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        auth.AuthenticateAdmin(context);
        RequireKnownGateway(request.GatewayId);
        return await auditChain.StateAsync(request.GatewayId, context.CancellationToken);
    }

    private void RequireKnownGateway(string gatewayId)
    {
        if (!options.Value.Gateways.ContainsKey(gatewayId))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"unknown gateway '{gatewayId}'"));
        }
    }
}
