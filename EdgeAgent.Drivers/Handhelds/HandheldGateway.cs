using EdgeAgent.Drivers.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>
/// Speaks the handheld protocol over MQTT: validates each event, hands valid ones to the host's
/// callback (many at once, bounded), publishes the answer, and answers bad input itself.
/// </summary>
public sealed partial class HandheldGateway : IAsyncDisposable
{
    private const string DeviceKind = "handheld";
    private const string EventChannel = "event";
    private const string PromptChannel = "prompt";
    private const string StatusChannel = "status";

    private readonly HandheldGatewayOptions _options;
    private readonly ILogger<HandheldGateway> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly LogRateLimiter _logLimiter;
    private readonly SemaphoreSlim _slots;
    private readonly long[] _errorsByCode = new long[Enum.GetValues<HandheldErrorCode>().Length];
    private readonly CancellationTokenSource _stopping = new();
    private readonly IMqttClient _client;
    private Func<HandheldMessage, CancellationToken, Task<HandheldPrompt>>? _onMessage;
    private Task? _connectionLoop;
    private TaskCompletionSource _connected = NewSignal();
    private TaskCompletionSource _disconnected = NewSignal();
    private volatile bool _isConnected;
    private long _received;
    private long _answered;
    private long _callbackFailures;

    public HandheldGateway(IOptions<HandheldGatewayOptions> options, ILogger<HandheldGateway> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider;
        _logLimiter = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        _slots = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Connected to the broker and subscribed: ready to serve handhelds.</summary>
    public bool IsConnected => _isConnected;

    public HandheldGatewayCounters Counters
    {
        get
        {
            var byCode = new Dictionary<HandheldErrorCode, long>();
            foreach (var code in Enum.GetValues<HandheldErrorCode>())
            {
                var count = Interlocked.Read(ref _errorsByCode[(int)code]);
                if (count > 0)
                {
                    byCode[code] = count;
                }
            }

            return new(Interlocked.Read(ref _received), Interlocked.Read(ref _answered), byCode, Interlocked.Read(ref _callbackFailures));
        }
    }

    /// <summary>Starts connecting in the background (retrying until stopped); valid events go to <paramref name="onMessage"/>.</summary>
    public Task StartAsync(Func<HandheldMessage, CancellationToken, Task<HandheldPrompt>> onMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _onMessage, onMessage, null) is not null)
        {
            throw new InvalidOperationException("The gateway is already started.");
        }

        _connectionLoop = Task.Run(() => RunConnectionAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes when the gateway is connected and subscribed.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);

    /// <summary>Stops receiving, lets answers in flight finish (until <paramref name="cancellationToken"/>), and disconnects.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_connectionLoop is { } loop)
        {
            await loop.WaitAsync(cancellationToken);
        }

        for (var i = 0; i < _options.MaxInFlight; i++)
        {
            await _slots.WaitAsync(cancellationToken);
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        }

        _isConnected = false;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _timeProvider);
        try
        {
            await StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            LogStopTimedOut();
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunConnectionAsync(CancellationToken stopping)
    {
        var delay = _options.ReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var disconnected = NewSignal();
                Volatile.Write(ref _disconnected, disconnected);
                await ConnectAndSubscribeAsync(stopping);
                delay = _options.ReconnectDelay;
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
                    LogConnectFailed(ex, _options.Connection.Host, _options.Connection.Port, suppressed);
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

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken stopping)
    {
        var result = await _client.ConnectAsync(_options.Connection.ToClientOptions(), stopping);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        var filter = new MqttTopicFilterBuilder()
            .WithTopic(DeviceTopic.SiteFilter(_options.Site))
            .WithAtLeastOnceQoS()
            .WithNoLocal(true) // our own prompts match dc/{site}/#; MQTT 5 spares us the echo
            .Build();
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter).Build(), stopping);

        _isConnected = true;
        Volatile.Read(ref _connected).TrySetResult();
        LogConnected(_options.Connection.Host, _options.Connection.Port, _options.Site);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (_isConnected)
        {
            _isConnected = false;
            Volatile.Write(ref _connected, NewSignal());
            if (!_stopping.IsCancellationRequested)
            {
                LogDisconnected(args.Reason, args.Exception);
            }
        }

        Volatile.Read(ref _disconnected).TrySetResult();
        return Task.CompletedTask;
    }
}
