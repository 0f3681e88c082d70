using CloudBridge.Contract.V1;

namespace CloudBridge.Ingress;

/// <summary>A gateway's downlink commands: appended by the ERP (idempotent by command id), followed from a cursor.</summary>
public interface ICommandLog
{
    Task<AppendCommandReply> AppendAsync(AppendCommandRequest request, CancellationToken ct);

    /// <summary>Commands after <paramref name="afterCursor"/>, then new ones as they are appended, until cancelled.</summary>
    IAsyncEnumerable<Command> FollowAsync(string gatewayId, long afterCursor, CancellationToken ct);
}
