using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeAgent.Drivers.Sensors.Internal;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>
/// Where every sensor source (GPIO banks, IO-Link ports) reports its debounced changes; it adds the
/// derived events (carton, jam, door open too long) and queues all of them for one consumer.
/// </summary>
/// <remarks>
/// The queue is bounded: when the consumer falls behind, the oldest events are dropped and counted
/// in <see cref="DroppedEvents"/>, so a stuck consumer costs memory up to the capacity, never more.
/// </remarks>
public sealed class SensorFeed : IDisposable
{
    private readonly Channel<SensorEvent> _channel;
    private readonly ConcurrentDictionary<string, DerivedEventTracker> _trackers = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _dropped;
    private long _unknownSensor;

    public SensorFeed(TimeProvider timeProvider, int capacity = 4096)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider;
        _channel = Channel.CreateBounded<SensorEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<SensorEvent> Events => _channel.Reader;

    /// <summary>Events dropped because the consumer did not keep up.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>Changes reported for a sensor nobody registered (queued, but with no derived events).</summary>
    public long UnregisteredReports => Interlocked.Read(ref _unknownSensor);

    /// <summary>Declares a sensor so its changes yield derived events; a name may be registered once.</summary>
    public void Register(string sensor, SensorRole role, SensorTimings timings)
    {
        ArgumentException.ThrowIfNullOrEmpty(sensor);
        ArgumentNullException.ThrowIfNull(timings);
        var tracker = new DerivedEventTracker(sensor, role, timings, _timeProvider, Write);
        if (!_trackers.TryAdd(sensor, tracker))
        {
            tracker.Dispose();
            throw new InvalidOperationException($"Sensor '{sensor}' is already registered.");
        }
    }

    /// <summary>Queues a debounced change and feeds the sensor's derived-event timers.</summary>
    public void Report(SensorChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Write(change);
        if (_trackers.TryGetValue(change.Sensor, out var tracker))
        {
            tracker.OnChanged(change);
        }
        else
        {
            Interlocked.Increment(ref _unknownSensor);
        }
    }

    public void Dispose()
    {
        foreach (var tracker in _trackers.Values)
        {
            tracker.Dispose();
        }

        _channel.Writer.TryComplete();
    }

    private void Write(SensorEvent sensorEvent) => _channel.Writer.TryWrite(sensorEvent);
}
