namespace EdgeAgent.Bench.Rebalance;

/// <summary>Nearest-rank percentiles over a sample.</summary>
internal static class Percentile
{
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
