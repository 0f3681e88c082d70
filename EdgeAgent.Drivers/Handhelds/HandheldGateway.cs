using EdgeAgent.Drivers.Presence;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    private readonly DeviceConnection _connection;
    private Func<HandheldMessage, CancellationToken, Task<HandheldPrompt>>? _onMessage;
    private long _received;
    private long _answered;
    private long _callbackFailures;

    /// <param name="presence">Fed with every message of the site's handhelds, status included; optional.</param>
    /// <summary>Where the gateway's session connects.</summary>
    public MqttConnectionOptions Connection => _options.Connection;

    public HandheldGateway(IOptions<HandheldGatewayOptions> options, ILogger<HandheldGateway> logger, TimeProvider timeProvider, PresenceTracker? presence = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider;
        _logLimiter = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        _slots = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
        var settings = new DeviceConnectionSettings(
            "Handheld gateway", _options.Site, DeviceTopic.SiteFilter(_options.Site), _options.Connection, _options.ReconnectDelay, _options.MaxReconnectDelay);
        _connection = new DeviceConnection(settings, OnMessageReceivedAsync, logger, timeProvider, _logLimiter, presence);
    }

    /// <summary>Connected to the broker and subscribed: ready to serve handhelds.</summary>
    public bool IsConnected => _connection.IsConnected;

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

        _connection.Start(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Completes when the gateway is connected and subscribed.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    /// <summary>Stops receiving, lets answers in flight finish (until <paramref name="cancellationToken"/>), and disconnects.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _connection.WaitForLoopAsync(cancellationToken);

        for (var i = 0; i < _options.MaxInFlight; i++)
        {
            await _slots.WaitAsync(cancellationToken);
        }

        await _connection.DisconnectAsync(cancellationToken);
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

        _connection.Dispose();
        _stopping.Dispose();
    }
}
