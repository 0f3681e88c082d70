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
/// store transaction (commands that have already arrived together share it), so after any crash or reconnect no
/// command is applied twice and none is skipped. With several
/// ingress addresses (<see cref="UplinkOptions.AllAddresses"/>) a subscription that cannot be opened, or ends without
/// delivering anything, moves to the next address; the cursor means the same on every replica of a JetStream central.
/// </summary>
public sealed partial class DownlinkSubscriber : BackgroundService
{
    private readonly IReadOnlyList<Contract.V1.Downlink.DownlinkClient> _clients;
    private readonly IOutboxStore _store;
    private readonly ICommandHandler _handler;
    private readonly UplinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DownlinkSubscriber> _logger;
    private readonly ResiliencePipeline _reconnect;
    /// <summary>At most this many commands that have already arrived are applied in one store write.</summary>
    public const int MaxCommandsPerWrite = 256;

    /// <summary>A batch stops growing once its commands reach this many bytes (model update chunks are large).</summary>
    public const long MaxBytesPerWrite = 4 * 1024 * 1024;

    private long _applied;
    private long _writes;
    private int _current;

    public DownlinkSubscriber(Contract.V1.Downlink.DownlinkClient client, IOutboxStore store, ICommandHandler handler, UplinkOptions options, TimeProvider time, ILogger<DownlinkSubscriber> logger)
        : this([client ?? throw new ArgumentNullException(nameof(client))], store, handler, options, time, logger)
    {
    }

    /// <summary>One client per ingress address (<see cref="UplinkOptions.AllAddresses"/>, in that order).</summary>
    public DownlinkSubscriber(IReadOnlyList<Contract.V1.Downlink.DownlinkClient> clients, IOutboxStore store, ICommandHandler handler, UplinkOptions options, TimeProvider time, ILogger<DownlinkSubscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentOutOfRangeException.ThrowIfZero(clients.Count);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _clients = clients;
        _store = store;
        _handler = handler;
        _options = options;
        _logger = logger;
        _time = time;
        _reconnect = BridgeResilience.Reconnect(options, time);
    }

    /// <summary>Commands applied by this process since start.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Store writes that applied commands since start (several commands that arrived together share one).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The cursor of the last applied command, as stored.</summary>
    public long Cursor => _store.Read(DownlinkCursor.Get);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await BridgeResilience.RunUntilStoppedAsync(_reconnect, FollowAsync, _options, _time, ex => LogEscaped(_logger, ex), stoppingToken);
    }

    private async ValueTask FollowAsync(CancellationToken ct)
    {
        try
        {
            await FollowOnceAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            FailOver(ex);
            throw;
        }
    }

    private async ValueTask FollowOnceAsync(CancellationToken ct)
    {
        long cursor = _store.Read(DownlinkCursor.Get);
        using var call = _clients[Volatile.Read(ref _current)].Subscribe(
            new SubscribeRequest { GatewayId = _options.GatewayId, AfterCursor = (ulong)cursor },
            BridgeChannel.Headers(_options),
            cancellationToken: ct);
        LogSubscribed(_logger, cursor);
        bool progressed = false;
        try
        {
            var next = call.ResponseStream.MoveNext(ct);
            while (await next)
            {
                // Commands that have already arrived behind this one (a release of a whole wave, a backlog after a
                // reconnect) are applied in the same store write, the cursor moved once to the last of them: one
                // transaction and one fsync instead of one each. A command still on its way is not waited for.
                var batch = new List<Command> { call.ResponseStream.Current };
                long bytes = batch[0].CalculateSize();
                next = call.ResponseStream.MoveNext(ct);
                while (batch.Count < MaxCommandsPerWrite && bytes < MaxBytesPerWrite && next.IsCompletedSuccessfully && next.Result)
                {
                    batch.Add(call.ResponseStream.Current);
                    bytes += call.ResponseStream.Current.CalculateSize();
                    next = call.ResponseStream.MoveNext(ct);
                }

                int applied;
                try
                {
                    applied = await ApplyAsync(batch, ct);
                }
                catch
                {
                    // The next read is still pending; the call's disposal ends it, and its fault is not news.
                    _ = next.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw;
                }

                Interlocked.Add(ref _applied, applied);
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

    /// <summary>A subscription that failed without delivering a command: the next attempt goes to the next address.</summary>
    private void FailOver(Exception ex)
    {
        if (_clients.Count > 1)
        {
            int next = (_current + 1) % _clients.Count;
            Volatile.Write(ref _current, next);
            LogFailover(_logger, next < _options.AllAddresses.Count ? _options.AllAddresses[next] : $"client {next}", ex.Message);
        }
    }

    // In cursor order, in one transaction. When one of them fails the whole write rolls back, and they are applied
    // again one per write: those before the failing one are kept, the failing one throws and the stream starts again
    // from the stored cursor, exactly as with one command per write (none applied twice, none skipped).
    private async Task<int> ApplyAsync(List<Command> batch, CancellationToken ct)
    {
        try
        {
            int together = await _store.WriteAppliedAsync(db => ApplyAll(db, batch), (long)batch[^1].Cursor, ct);
            Interlocked.Increment(ref _writes);
            return together;
        }
        catch (Exception) when (batch.Count > 1 && !ct.IsCancellationRequested)
        {
            int applied = 0;
            foreach (var command in batch)
            {
                if (await _store.WriteAppliedAsync(db => ApplyOnce(db, command), (long)command.Cursor, ct))
                {
                    applied++;
                }

                Interlocked.Increment(ref _writes);
            }

            return applied;
        }
    }

    private int ApplyAll(LiteDB.LiteDatabase db, List<Command> batch)
    {
        int applied = 0;
        foreach (var command in batch)
        {
            if (ApplyOnce(db, command))
            {
                applied++;
            }
        }

        return applied;
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

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Downlink failing over to {Address} after: {Message}")]
    private static partial void LogFailover(ILogger logger, string address, string message);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Downlink stream ended: {Message}; reconnecting")]
    private static partial void LogEnded(ILogger logger, string message);
}
