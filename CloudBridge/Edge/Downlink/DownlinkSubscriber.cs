using CloudBridge.Contract.V1;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace CloudBridge.Downlink;

/// <summary>
/// Follows central's command log from the persisted cursor. Each command is applied and the cursor moved in one
/// store transaction, so after any crash or reconnect no command is applied twice and none is skipped.
/// </summary>
public sealed partial class DownlinkSubscriber : BackgroundService
{
    private readonly Contract.V1.Downlink.DownlinkClient _client;
    private readonly IOutboxStore _store;
    private readonly ICommandHandler _handler;
    private readonly UplinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DownlinkSubscriber> _logger;
    private readonly ResiliencePipeline _reconnect;
    private long _applied;

    public DownlinkSubscriber(Contract.V1.Downlink.DownlinkClient client, IOutboxStore store, ICommandHandler handler, UplinkOptions options, TimeProvider time, ILogger<DownlinkSubscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _store = store;
        _handler = handler;
        _options = options;
        _logger = logger;
        _time = time;
        _reconnect = BridgeResilience.Reconnect(options, time);
    }

    /// <summary>Commands applied by this process since start.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>The cursor of the last applied command, as stored.</summary>
    public long Cursor => _store.Read(DownlinkCursor.Get);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await BridgeResilience.RunUntilStoppedAsync(_reconnect, FollowAsync, _options, _time, ex => LogEscaped(_logger, ex), stoppingToken);
    }

    private async ValueTask FollowAsync(CancellationToken ct)
    {
        long cursor = _store.Read(DownlinkCursor.Get);
        using var call = _client.Subscribe(
            new SubscribeRequest { GatewayId = _options.GatewayId, AfterCursor = (ulong)cursor },
            BridgeChannel.Headers(_options),
            cancellationToken: ct);
        LogSubscribed(_logger, cursor);
        bool progressed = false;
        try
        {
            while (await call.ResponseStream.MoveNext(ct))
            {
                var command = call.ResponseStream.Current;
                if (await _store.WriteAsync(db => ApplyOnce(db, command), ct))
                {
                    Interlocked.Increment(ref _applied);
                }

                progressed = true;
            }
        }
        catch (Exception ex) when (progressed && ex is not OperationCanceledException)
        {
            // Progress was made: reconnect at once instead of backing off.
            LogEnded(_logger, ex.Message);
            return;
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "Central closed the downlink stream."));
    }

    private bool ApplyOnce(LiteDB.LiteDatabase db, Command command)
    {
        long cursor = DownlinkCursor.Get(db);
        if ((long)command.Cursor <= cursor)
        {
            return false;
        }

        if ((long)command.Cursor != cursor + 1)
        {
            throw new InvalidOperationException($"Downlink command {command.Cursor} arrived after cursor {cursor}: the command log skipped.");
        }

        _handler.Apply(db, command);
        DownlinkCursor.Set(db, (long)command.Cursor);
        return true;
    }

    [LoggerMessage(EventId = 32, Level = LogLevel.Error, Message = "Downlink loop failed; starting again")]
    private static partial void LogEscaped(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Downlink subscribed after cursor {Cursor}")]
    private static partial void LogSubscribed(ILogger logger, long cursor);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Downlink stream ended: {Message}; reconnecting")]
    private static partial void LogEnded(ILogger logger, string message);
}
