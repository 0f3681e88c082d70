using System.Diagnostics;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>What one target did for one number of handhelds: latency percentiles and round trips per second.</summary>
internal sealed record RoundTripResult(int RoundTrips, double P50Ms, double P99Ms, double PerSecond, long Resends)
{
    public static RoundTripResult From(List<long> latencyTicks, TimeSpan busy, long resends)
    {
        latencyTicks.Sort();
        return new RoundTripResult(
            latencyTicks.Count,
            Percentile(latencyTicks, 0.50),
            Percentile(latencyTicks, 0.99),
            latencyTicks.Count / busy.TotalSeconds,
            resends);
    }

    // Nearest rank: the smallest sample that at least this fraction of samples does not exceed.
    private static double Percentile(List<long> sorted, double fraction)
    {
        var rank = Math.Max(1, (int)Math.Ceiling(fraction * sorted.Count));
        return sorted[rank - 1] * 1000.0 / Stopwatch.Frequency;
    }
}
