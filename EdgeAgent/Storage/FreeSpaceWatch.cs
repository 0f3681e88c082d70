using EdgeAgent.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Storage;

/// <summary>
/// Watches the free space of the data directory's file system. Below <see cref="StoreOptions.MinFreeBytes"/> it
/// raises one alarm, sheds telemetry floor events and refuses business ones (<see cref="StorageLowException"/>:
/// the write rolls back and the device is told to retry), so LiteDB never meets a full disk, where a failed
/// write could leave nothing acknowledged unharmed. A quarter above the floor again it clears the alarm by itself.
/// </summary>
public sealed partial class FreeSpaceWatch : IFloorEventGate, IHostedService, IAsyncDisposable
{
    private readonly StoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FreeSpaceWatch> _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long _freeBytes = long.MaxValue;
    private long _shed;
    private long _refused;
    private long _alarms;
    private long _lowSinceTicks; // UTC ticks; 0 while the disk has room

    public FreeSpaceWatch(IOptions<StoreOptions> options, TimeProvider time, ILogger<FreeSpaceWatch> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>True while the disk is under its floor: telemetry is shed and business work refused.</summary>
    public bool IsLow => Interlocked.Read(ref _lowSinceTicks) != 0;

    /// <summary>The state for /api/state and /metrics.</summary>
    public FreeSpaceStatus Status => new()
    {
        Low = IsLow,
        LowSince = Interlocked.Read(ref _lowSinceTicks) is var t and not 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null,
        FreeBytes = Interlocked.Read(ref _freeBytes) == long.MaxValue ? null : Interlocked.Read(ref _freeBytes),
        MinFreeBytes = _options.MinFreeBytes,
        TelemetryShed = Interlocked.Read(ref _shed),
        BusinessRefused = Interlocked.Read(ref _refused),
        Alarms = Interlocked.Read(ref _alarms),
    };

    /// <summary>Measures the free space now and raises or clears the alarm.</summary>
    public void Check()
    {
        if (_options.MinFreeBytes == 0)
        {
            return;
        }

        long free;
        try
        {
            free = new DriveInfo(Path.GetFullPath(_options.DataDirectory)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogProbeFailed(_logger, _options.DataDirectory, ex.Message);
            return;
        }

        lock (_gate)
        {
            Interlocked.Exchange(ref _freeBytes, free);
            long since = Interlocked.Read(ref _lowSinceTicks);
            if (since == 0 && free < _options.MinFreeBytes)
            {
                Interlocked.Exchange(ref _lowSinceTicks, _time.GetUtcNow().UtcTicks);
                Interlocked.Increment(ref _alarms);
                LogLow(_logger, _options.DataDirectory, free, _options.MinFreeBytes);
            }
            else if (since != 0 && free >= RecoverAt)
            {
                Interlocked.Exchange(ref _lowSinceTicks, 0);
                LogRecovered(_logger, _options.DataDirectory, free, (_time.GetUtcNow() - new DateTimeOffset(since, TimeSpan.Zero)).TotalSeconds, Interlocked.Read(ref _shed), Interlocked.Read(ref _refused));
            }
        }
    }

    // A little above the floor, so one purge or one deleted file does not make the alarm flap.
    private long RecoverAt => _options.MinFreeBytes + (_options.MinFreeBytes / 4);

    bool IFloorEventGate.Admit(FloorEvent floorEvent)
    {
        if (!IsLow)
        {
            return true;
        }

        if (FloorEventTypes.IsTelemetry(floorEvent.GetType()))
        {
            Interlocked.Increment(ref _shed);
            return false;
        }

        Interlocked.Increment(ref _refused);
        long free = Interlocked.Read(ref _freeBytes);
        throw new StorageLowException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The data disk has {free} bytes free, under Store:MinFreeBytes ({_options.MinFreeBytes}); {floorEvent.Type} not stored, try again when space returns."))
        {
            FreeBytes = free,
            MinFreeBytes = _options.MinFreeBytes,
        };
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.MinFreeBytes > 0)
        {
            Check();
            var every = TimeSpan.FromMilliseconds(_options.FreeSpaceCheckMilliseconds);
            _timer = _time.CreateTimer(_ => Check(), null, every, every);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _timer, null) is { } timer)
        {
            await timer.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Critical, Message = "Data disk alarm: {Directory} has {FreeBytes} bytes free, under Store:MinFreeBytes ({MinFreeBytes}); shedding telemetry and refusing new business work until space returns")]
    private static partial void LogLow(ILogger logger, string directory, long freeBytes, long minFreeBytes);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "Data disk alarm cleared: {Directory} has {FreeBytes} bytes free after {Seconds:0} s; {Shed} telemetry events shed and {Refused} business events refused so far")]
    private static partial void LogRecovered(ILogger logger, string directory, long freeBytes, double seconds, long shed, long refused);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "Free space of {Directory} could not be measured: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, string directory, string reason);
}
