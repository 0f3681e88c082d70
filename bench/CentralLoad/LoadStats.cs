using System.Diagnostics;

namespace CentralLoad;

/// <summary>Acked events and batch ack latencies, counted only while <see cref="Measuring"/>.</summary>
internal sealed class LoadStats
{
    private readonly Lock _gate = new();
    private readonly List<double> _latenciesMs = [];
    private long _events;
    private long _startTicks;
    private long _stopTicks;

    public bool Measuring { get; private set; }

    public void Start()
    {
        _startTicks = Stopwatch.GetTimestamp();
        Measuring = true;
    }

    public void Stop()
    {
        _stopTicks = Stopwatch.GetTimestamp();
        Measuring = false;
    }

    public void Acked(int events, double latencyMs)
    {
        if (!Measuring)
        {
            return;
        }

        Interlocked.Add(ref _events, events);
        lock (_gate)
        {
            _latenciesMs.Add(latencyMs);
        }
    }

    public double EventsPerSecond => Interlocked.Read(ref _events) / Stopwatch.GetElapsedTime(_startTicks, _stopTicks).TotalSeconds;

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_latenciesMs.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _latenciesMs.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}
