using System.Buffers;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Presence;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>
/// The agent's MQTT session for IO-Link masters: subscribes to their ports and hands every message to
/// the <see cref="IoLinkPortReader"/>, which maps it onto the same sensor feed as the GPIO inputs.
/// </summary>
public sealed partial class IoLinkGateway : IAsyncDisposable
{
    private readonly IoLinkPortReader _reader;
    private readonly DeviceConnection _connection;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<IoLinkMessageNumber, CancellationToken, Task>? _onNumbered;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _numberLogLimiter;

    /// <param name="onNumbered">
    /// Awaited for every numbered message that is not a redelivery, after the reader took it and before the broker
    /// is acknowledged: where the host keeps each master's numbering durable and records gaps. Optional.
    /// </param>
    public IoLinkGateway(IoLinkOptions options, MqttConnectionOptions connection, IoLinkPortReader reader, ILogger<IoLinkGateway> logger, TimeProvider timeProvider, PresenceTracker? presence = null, Func<IoLinkMessageNumber, CancellationToken, Task>? onNumbered = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _onNumbered = onNumbered;
        _logger = logger;
        _numberLogLimiter = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        var settings = new DeviceConnectionSettings(
            "IO-Link gateway", options.Site, options.TopicFilter, connection, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        _connection = new DeviceConnection(settings, OnMessageAsync, logger, timeProvider, new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1)), presence);
    }

    public bool IsConnected => _connection.IsConnected;

    public IoLinkPortReaderCounters Counters => _reader.Counters;

    public void Start() => _connection.Start(_stopping.Token);

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _connection.CloseQuietlyAsync();
        _stopping.Dispose();
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        // The reader counts and never throws on bad input; the payload is only valid until the first await.
        var payload = args.ApplicationMessage.Payload;
        var result = _reader.Receive(args.ApplicationMessage.Topic, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), out var number);
        if (_onNumbered is null || number is not { } numbered || result == IoLinkReadResult.Duplicate)
        {
            return;
        }

        try
        {
            await _onNumbered(numbered with { Redelivered = args.ApplicationMessage.Dup }, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the number is not kept; the next run sees the message's successor as a gap, which it is.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The number could not be kept (no room, or the store stopped). Said once a minute per gateway, then
            // rethrown so the broker is not acknowledged and delivers the message again to the next session.
            if (_numberLogLimiter.ShouldLog(numbered.MasterId, out var suppressed))
            {
                LogNumberNotKept(ex, numbered.MasterId, numbered.Seq, suppressed);
            }

            throw;
        }
    }

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "IO-Link master {Master} message {Seq} not acknowledged: its number could not be kept ({Suppressed} similar not logged)")]
    private partial void LogNumberNotKept(Exception exception, string master, long seq, long suppressed);
}
