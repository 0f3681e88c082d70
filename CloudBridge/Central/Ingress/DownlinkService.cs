using CloudBridge.Contract.V1;
using Grpc.Core;

namespace CloudBridge.Ingress;

/// <summary>Serves each gateway its commands from the cursor it asks for, then live.</summary>
public sealed class DownlinkService(GatewayAuthenticator auth, ICommandLog commands) : Contract.V1.Downlink.DownlinkBase
{
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Command> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var gatewayId = auth.Authenticate(context);
        if (request.GatewayId.Length > 0 && request.GatewayId != gatewayId)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"gateway '{gatewayId}' may not read the commands of '{request.GatewayId}'"));
        }

        await context.WriteResponseHeadersAsync([]);
        await foreach (var command in commands.FollowAsync(gatewayId, (long)request.AfterCursor, context.CancellationToken))
        {
            await responseStream.WriteAsync(command, context.CancellationToken);
        }
    }
}
