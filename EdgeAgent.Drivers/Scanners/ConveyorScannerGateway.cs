using EdgeAgent.Drivers.Presence;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>
/// Listens to fixed-mount conveyor scanners over MQTT, decodes each read and hands the host
/// <see cref="CartonScanned"/> reads in arrival order: every read queued when the host is free goes in one
/// batch (up to <see cref="ConveyorScannerGatewayOptions.MaxBatch"/>), so the host can store them in one
/// write with one fsync. A read is acknowledged to the broker (PUBACK) only once the host's callback for
/// its batch has returned, and acknowledgements go out in the order the reads arrived. Bad payloads
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
    private readonly Channel<Received> _queue;
    private readonly ConcurrentDictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly long[] _droppedByCode = new long[Enum.GetValues<ScannerReadError>().Length];
    private readonly long[] _decodeErrorsByCode = new long[Enum.GetValues<Gs1ErrorCode>().Length];
    private Func<IReadOnlyList<CartonScanned>, CancellationToken, Task<IReadOnlyList<ScanFailure>>>? _onScans;
    private Task _delivering = Task.CompletedTask;
    private long _received;
    private long _delivered;
    private long _duplicates;
    private long _callbackFailures;
    private long _batches;
    private long _largestBatch;

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
        // Bounded: when the host falls behind, the receive path waits here, MQTTnet stops reading the socket,
        // and the broker holds the reads (the backpressure it understands).
        _queue = Channel.CreateBounded<Received>(new BoundedChannelOptions(_options.MaxQueued)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
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
        Interlocked.Read(ref _callbackFailures),
        Interlocked.Read(ref _batches),
        Interlocked.Read(ref _largestBatch));

    /// <summary>
    /// Starts connecting in the background (retrying until stopped); every read that parses goes to <paramref name="onScan"/>,
    /// one at a time in arrival order (a read the callback throws on is counted and logged, and the next one follows).
    /// </summary>
    public Task StartAsync(Func<CartonScanned, CancellationToken, Task> onScan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onScan);
        return StartAsync(
            async (scans, ct) =>
            {
                List<ScanFailure>? failures = null;
                foreach (var scan in scans)
                {
                    try
                    {
                        await onScan(scan, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        (failures ??= []).Add(new ScanFailure(scan, ex));
                    }
                }

                return failures ?? (IReadOnlyList<ScanFailure>)[];
            },
            cancellationToken);
    }

    /// <summary>
    /// Starts connecting in the background (retrying until stopped); the reads that parse go to <paramref name="onScans"/>
    /// in batches: all those queued when the previous batch was done, in arrival order (so in belt order per scanner),
    /// at most <see cref="ConveyorScannerGatewayOptions.MaxBatch"/>. The reads of a batch are acknowledged to the broker
    /// once it returns. The callback returns the reads it applied but could not finish (counted and logged as failures);
    /// it throws only when it applied none of the batch, and then each read is handed to it again alone, so one bad read
    /// costs only itself.
    /// </summary>
    public Task StartAsync(Func<IReadOnlyList<CartonScanned>, CancellationToken, Task<IReadOnlyList<ScanFailure>>> onScans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onScans);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _onScans, onScans, null) is not null)
        {
            throw new InvalidOperationException("The gateway is already started.");
        }

        _delivering = Task.Run(() => DeliverLoopAsync(_stopping.Token), CancellationToken.None);
        _connection.Start(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    /// <summary>
    /// Stops receiving, lets the batch in hand finish (until <paramref name="cancellationToken"/>), and disconnects. Reads
    /// queued but not yet handed to the host are not acknowledged: the broker keeps them for the scanners' next session.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _connection.WaitForLoopAsync(cancellationToken);
        await _delivering.WaitAsync(cancellationToken);
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

    // Runs on MQTTnet's receive path, one message at a time: parses (the payload buffer is MQTTnet's only until this
    // returns) and queues, in arrival order. Every message of the session goes through the queue, even one that is
    // dropped, so acknowledgements leave in the order the messages came.
    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        var message = args.ApplicationMessage;
        ScannerRead? read = null;
        if (DeviceTopic.TryParse(message.Topic, out var topic)
            && topic.Site == _options.Site
            && topic.DeviceKind == DeviceKind
            && topic.Channel != StatusChannel)
        {
            Interlocked.Increment(ref _received);
            var result = topic.Channel == ReadChannel
                ? Parse(message.Payload, topic.DeviceId)
                : ScannerReadParseResult.Rejected(ScannerReadError.UnknownChannel, $"Channel '{topic.Channel}' is not served; publish reads on '{ReadChannel}'");
            if (result.IsValid)
            {
                read = result.Read;
            }
            else
            {
                Drop(topic.DeviceId, result.Error, result.Reason);
            }
        }

        try
        {
            await _queue.Writer.WriteAsync(new Received(read, args), _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: not acknowledged, so the broker keeps it for the next session.
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

    /// <summary>The one consumer of the queue: takes what is queued as a batch, hands its reads to the host, then acknowledges them.</summary>
    private async Task DeliverLoopAsync(CancellationToken stopping)
    {
        var batch = new List<Received>(_options.MaxBatch);
        var scans = new List<CartonScanned>(_options.MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping))
            {
                batch.Clear();
                scans.Clear();
                while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var received))
                {
                    batch.Add(received);
                    if (received.Read is { } read && ToScan(read, received.Args.ApplicationMessage.Dup) is { } scan)
                    {
                        scans.Add(scan);
                    }
                }

                if (scans.Count > 0 && !await DeliverAsync(scans, stopping))
                {
                    return; // stopping before the batch was handled: none of it is acknowledged
                }

                foreach (var received in batch)
                {
                    await AcknowledgeAsync(received.Args);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping; what is still queued is not acknowledged.
        }
    }

    /// <summary>The read as the host gets it; null for a redelivery of a read this gateway already handed over.</summary>
    private CartonScanned? ToScan(ScannerRead read, bool redelivered)
    {
        // QoS 1 redelivers; the scanner's seq tells a redelivery from a new carton. A broker resending what it had sent
        // before (DUP: the session resumed before our PUBACKs went out) may resend several reads below the last one.
        var previous = _lastSeq.GetValueOrDefault(read.DeviceId);
        if (previous == read.Seq || (redelivered && read.Seq < previous))
        {
            Interlocked.Increment(ref _duplicates);
            return null;
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

        return new CartonScanned
        {
            DeviceId = read.DeviceId,
            Seq = read.Seq,
            ScannedAt = read.At,
            ReceivedAt = _timeProvider.GetUtcNow(),
            Raw = read.Data,
            Redelivered = redelivered,
            Barcode = decoded.Barcode,
            Error = decoded.Error,
        };
    }

    /// <summary>Hands a batch to the host; false when the gateway is stopping and the batch was not handled.</summary>
    private async Task<bool> DeliverAsync(List<CartonScanned> scans, CancellationToken stopping)
    {
        IReadOnlyList<ScanFailure> failures;
        try
        {
            failures = await _onScans!(scans, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // A failing callback must cost one read, never the gateway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (scans.Count == 1)
            {
                Interlocked.Increment(ref _callbackFailures);
                LogCallbackFailed(ex, scans[0].DeviceId, scans[0].Seq);
                return true;
            }

            // None of the batch was applied: each read alone, so one bad read costs only itself.
            LogBatchFailed(ex, scans.Count);
            foreach (var scan in scans)
            {
                if (!await DeliverAsync([scan], stopping))
                {
                    return false;
                }
            }

            return true;
        }

        Interlocked.Increment(ref _batches);
        InterlockedMax(ref _largestBatch, scans.Count);
        Interlocked.Add(ref _delivered, scans.Count - failures.Count);
        foreach (var failure in failures)
        {
            Interlocked.Increment(ref _callbackFailures);
            LogCallbackFailed(failure.Error, failure.Scan.DeviceId, failure.Scan.Seq);
        }

        return true;
    }

    private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        try
        {
            await args.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // The session broke after the read was handled: the broker sends it again, and its seq marks it a redelivery.
            if (_logLimiter.ShouldLog("ack", out var suppressed))
            {
                LogAcknowledgeFailed(ex, suppressed);
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>A message of the session, parsed; <see cref="Read"/> is null when there is nothing to deliver (dropped, status, another topic).</summary>
    private sealed record Received(ScannerRead? Read, MqttApplicationMessageReceivedEventArgs Args);

    private void Drop(string deviceId, ScannerReadError error, string reason)
    {
        Interlocked.Increment(ref _droppedByCode[(int)error]);
        if (_logLimiter.ShouldLog($"{deviceId}\n{error}", out var suppressed))
        {
            LogDropped(deviceId, error, reason, suppressed);
        }
    }
}
