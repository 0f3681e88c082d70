namespace EdgeAgent.Kpis;

/// <summary>A running count and mean of durations, with the recent ones kept for an exact p90.</summary>
public sealed class DurationStats
{
    /// <summary>How many recent durations the p90 is computed over.</summary>
    public const int Window = 1000;

    public long Count { get; set; }

    public double TotalSeconds { get; set; }

    public List<double> Recent { get; set; } = [];

    public double? MeanSeconds => Count == 0 ? null : TotalSeconds / Count;

    /// <summary>Nearest-rank 90th percentile of the last <see cref="Window"/> durations.</summary>
    public double? P90Seconds
    {
        get
        {
            if (Recent.Count == 0)
            {
                return null;
            }

            var sorted = Recent.Order().ToList();
            return sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
        }
    }

    public void Add(double seconds)
    {
        Count++;
        TotalSeconds += seconds;
        Recent.Add(seconds);
        if (Recent.Count > Window)
        {
            Recent.RemoveAt(0);
        }
    }

    /// <summary>Adds <paramref name="other"/>'s count and total; its recent durations join this one's, the latest <see cref="Window"/> kept.</summary>
    public void Merge(DurationStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        TotalSeconds += other.TotalSeconds;
        Recent.AddRange(other.Recent);
        if (Recent.Count > Window)
        {
            Recent.RemoveRange(0, Recent.Count - Window);
        }
    }
}
