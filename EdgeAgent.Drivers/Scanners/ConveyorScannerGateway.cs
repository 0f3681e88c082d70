using EdgeAgent.Drivers.Presence;
using System.Buffers;
using System.Collections.Concurrent;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>
/// Listens to fixed-mount conveyor scanners over MQTT, decodes each read and hands a
/// <see cref="CartonScanned"/> to the host's callback, one at a time in arrival order. Bad payloads
/// are counted and logged (rate-limited), never answered: a fixed scanner has nobody to show them to.
/// </summary>
public sealed partial class ConveyorScannerGateway : IAsyncDisposable
{
    public const string DeviceKind = "scanner";
    public const string ReadChannel = "read";
    public const string StatusChannel = "status";

    private readonly ConveyorScannerGatewayOptions _options;
    private readonly ILogger<ConveyorScannerGateway> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly LogRateLimiter _logLimiter;
    private readonly BarcodeDecoder _decoder;
    private readonly DeviceConnection _connection;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _handling = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly long[] _droppedByCode = new long[Enum.GetValues<ScannerReadError>().Length];
    private readonly long[] _decodeErrorsByCode = new long[Enum.GetValues<Gs1ErrorCode>().Length];
    private Func<CartonScanned, CancellationToken, Task>? _onScan;
    private long _received;
    private long _delivered;
    private long _duplicates;
    private long _callbackFailures;

    /// <param name="presence">Fed with every message of the site's conveyor scanners; optional.</param>
    public ConveyorScannerGateway(IOptions<ConveyorScannerGatewayOptions> options, ILogger<ConveyorScannerGateway> logger, TimeProvider timeProvider, PresenceTracker? presence = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider;
        _logLimiter = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        _decoder = new BarcodeDecoder(timeProvider);
        var filter = $"{DeviceTopic.Root}/{_options.Site}/{DeviceKind}/+/+";
        var settings = new DeviceConnectionSettings(
            "Conveyor scanner gateway", _options.Site, filter, _options.Connection, _options.ReconnectDelay, _options.MaxReconnectDelay);
        _connection = new DeviceConnection(settings, OnMessageReceivedAsync, logger, timeProvider, _logLimiter, presence);
    }

    /// <summary>Connected to the broker and subscribed: ready to receive reads.</summary>
    public bool IsConnected => _connection.IsConnected;

    public ConveyorScannerCounters Counters => new(
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _delivered),
        Snapshot<ScannerReadError>(_droppedByCode),
        Snapshot<Gs1ErrorCode>(_decodeErrorsByCode),
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _callbackFailures));

    /// <summary>Starts connecting in the background (retrying until stopped); every read that parses goes to <paramref name="onScan"/>.</summary>
    public Task StartAsync(Func<CartonScanned, CancellationToken, Task> onScan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onScan);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _onScan, onScan, null) is not null)
        {
            throw new InvalidOperationException("The gateway is already started.");
        }

        _connection.Start(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    /// <summary>Stops receiving, lets the read in hand finish (until <paramref name="cancellationToken"/>), and disconnects.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _connection.WaitForLoopAsync(cancellationToken);
        await _handling.WaitAsync(cancellationToken);
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

    private static Dictionary<TCode, long> Snapshot<TCode>(long[] counts)
        where TCode : struct, Enum
    {
        var byCode = new Dictionary<TCode, long>();
        foreach (var code in Enum.GetValues<TCode>())
        {
            var count = Interlocked.Read(ref counts[Convert.ToInt32(code, System.Globalization.CultureInfo.InvariantCulture)]);
            if (count > 0)
            {
                byCode[code] = count;
            }
        }

        return byCode;
    }

    // Runs on MQTTnet's receive path, one message at a time: reads reach the host in belt order, and a
    // slow callback holds back the acknowledgement, which is the backpressure the broker understands.
    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (!DeviceTopic.TryParse(message.Topic, out var topic)
            || topic.Site != _options.Site
            || topic.DeviceKind != DeviceKind
            || topic.Channel == StatusChannel)
        {
            return;
        }

        Interlocked.Increment(ref _received);
        var result = topic.Channel == ReadChannel
            ? Parse(message.Payload, topic.DeviceId)
            : ScannerReadParseResult.Rejected(ScannerReadError.UnknownChannel, $"Channel '{topic.Channel}' is not served; publish reads on '{ReadChannel}'");
        if (!result.IsValid)
        {
            Drop(topic.DeviceId, result.Error, result.Reason);
            return;
        }

        var stopping = _stopping.Token;
        try
        {
            await _handling.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await HandleAsync(result.Read, stopping);
        }
        finally
        {
            _handling.Release();
        }
    }

    private ScannerReadParseResult Parse(ReadOnlySequence<byte> payload, string deviceId)
    {
        // The payload buffer belongs to MQTTnet only until this handler returns: parse now, keep nothing.
        if (payload.IsSingleSegment)
        {
            return ScannerReadParser.Parse(payload.First, deviceId, _options.MaxPayloadBytes);
        }

        return payload.Length > _options.MaxPayloadBytes
            ? ScannerReadParseResult.Rejected(ScannerReadError.PayloadTooLarge, $"Payload of {payload.Length} bytes is over the {_options.MaxPayloadBytes}-byte limit")
            : ScannerReadParser.Parse(payload.ToArray(), deviceId, _options.MaxPayloadBytes);
    }

    private async Task HandleAsync(ScannerRead read, CancellationToken stopping)
    {
        // QoS 1 redelivers; the scanner's seq tells a redelivery from a new carton.
        var previous = _lastSeq.GetValueOrDefault(read.DeviceId);
        if (previous == read.Seq)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        _lastSeq[read.DeviceId] = read.Seq;
        var decoded = _decoder.Decode(read.Data);
        if (!decoded.IsValid)
        {
            Interlocked.Increment(ref _decodeErrorsByCode[(int)decoded.Error.Code]);
            if (_logLimiter.ShouldLog($"{read.DeviceId}\n{decoded.Error.Code}", out var suppressed))
            {
                LogDecodeFailed(read.DeviceId, read.Seq, decoded.Error, suppressed);
            }
        }

        var scan = new CartonScanned
        {
            DeviceId = read.DeviceId,
            Seq = read.Seq,
            ScannedAt = read.At,
            ReceivedAt = _timeProvider.GetUtcNow(),
            Raw = read.Data,
            Barcode = decoded.Barcode,
            Error = decoded.Error,
        };
        try
        {
            await _onScan!(scan, stopping);
            Interlocked.Increment(ref _delivered);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the read is lost to this run, as a carton passing a scanner that is switched off.
        }
#pragma warning disable CA1031 // A failing callback must cost one read, never the gateway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _callbackFailures);
            LogCallbackFailed(ex, read.DeviceId, read.Seq);
        }
    }

    private void Drop(string deviceId, ScannerReadError error, string reason)
    {
        Interlocked.Increment(ref _droppedByCode[(int)error]);
        if (_logLimiter.ShouldLog($"{deviceId}\n{error}", out var suppressed))
        {
            LogDropped(deviceId, error, reason, suppressed);
        }
    }
}
