using System.Buffers;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Presence;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// The agent side of one device family's MQTT session, shared by every gateway: connects, subscribes,
/// reconnects with a doubling delay until stopped, and hands each message to the gateway.
/// </summary>
internal sealed partial class DeviceConnection : IDisposable
{
    private readonly DeviceConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly LogRateLimiter _logLimiter;
    private readonly IMqttClient _client;
    private CancellationToken _stopping = new(canceled: true);
    private Task? _loop;
    private TaskCompletionSource _connected = NewSignal();
    private TaskCompletionSource _disconnected = NewSignal();
    private volatile bool _isConnected;

    public DeviceConnection(
        DeviceConnectionSettings settings,
        Func<MqttApplicationMessageReceivedEventArgs, Task> onMessage,
        ILogger logger,
        TimeProvider timeProvider,
        LogRateLimiter logLimiter,
        PresenceTracker? presence = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(onMessage);
        _settings = settings;
        _logger = logger;
        _timeProvider = timeProvider;
        _logLimiter = logLimiter;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += presence is null ? onMessage : args =>
        {
            // Every message a device sends says it is alive; its status channel says more.
            if (DeviceTopic.TryParse(args.ApplicationMessage.Topic, out var topic) && topic.Site == settings.Site)
            {
                var payload = args.ApplicationMessage.Payload;
                presence.Observe(topic, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
            }

            return onMessage(args);
        };
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Connected to the broker and subscribed.</summary>
    public bool IsConnected => _isConnected;

    /// <summary>Starts connecting in the background, retrying until <paramref name="stopping"/> is cancelled.</summary>
    public void Start(CancellationToken stopping)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The connection is already started.");
        }

        _stopping = stopping;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);

    /// <summary>Completes once the connection loop has ended (after the stopping token was cancelled).</summary>
    public Task WaitForLoopAsync(CancellationToken cancellationToken) => _loop?.WaitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Says goodbye to the broker if it is still there; a connection that already broke is not an error when leaving.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_client.IsConnected)
            {
                // A persistent session stays on the broker after a goodbye too, so what devices publish meanwhile waits for us.
                var goodbye = new MqttClientDisconnectOptionsBuilder();
                if (_settings.Connection.SessionExpirySeconds > 0)
                {
                    goodbye = goodbye.WithSessionExpiryInterval(_settings.Connection.SessionExpirySeconds);
                }

                await _client.DisconnectAsync(goodbye.Build(), cancellationToken);
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            // The socket broke under us (broker restarted or gone): there is nobody left to say goodbye to.
            if (_logLimiter.ShouldLog("disconnect", out _))
            {
                LogDisconnectFailed(ex, _settings.Name);
            }
        }

        _isConnected = false;
    }

    /// <summary>
    /// Leaving for good, after the stopping token was cancelled: waits for the connection loop, says goodbye if the
    /// broker is still there, and releases the client. Nothing about a broken or stopping connection is an error here.
    /// </summary>
    public async ValueTask CloseQuietlyAsync()
    {
        try
        {
            await WaitForLoopAsync(CancellationToken.None);
            await DisconnectAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Going away anyway; the broker drops the session.
        }

        Dispose();
    }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _client.PublishAsync(message, cancellationToken);

    public void Dispose() => _client.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync(CancellationToken stopping)
    {
        var delay = _settings.ReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var disconnected = NewSignal();
                Volatile.Write(ref _disconnected, disconnected);
                await ConnectAndSubscribeAsync(stopping);
                delay = _settings.ReconnectDelay;
                await disconnected.Task.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
            {
                if (_logLimiter.ShouldLog("connect", out var suppressed))
                {
                    LogConnectFailed(ex, _settings.Name, _settings.Connection.Host, _settings.Connection.Port, suppressed);
                }
            }

            try
            {
                await Task.Delay(delay, _timeProvider, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxReconnectDelay.Ticks));
        }
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken stopping)
    {
        var result = await _client.ConnectAsync(_settings.Connection.ToClientOptions(), stopping);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        var filter = new MqttTopicFilterBuilder()
            .WithTopic(_settings.TopicFilter)
            .WithAtLeastOnceQoS()
            .WithNoLocal(true) // our own answers may match the filter; MQTT 5 spares us the echo
            .Build();
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter).Build(), stopping);

        _isConnected = true;
        Volatile.Read(ref _connected).TrySetResult();
        LogConnected(_settings.Name, _settings.Connection.Host, _settings.Connection.Port, _settings.Site);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (_isConnected)
        {
            _isConnected = false;
            Volatile.Write(ref _connected, NewSignal());
            if (!_stopping.IsCancellationRequested)
            {
                LogDisconnected(_settings.Name, args.Reason, args.Exception);
            }
        }

        Volatile.Read(ref _disconnected).TrySetResult();
        return Task.CompletedTask;
    }
}
