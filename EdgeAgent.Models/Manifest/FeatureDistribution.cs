namespace EdgeAgent.Models.Manifest;

/// <summary>
/// How one input feature was distributed in the training rows: the bin edges (training deciles, duplicates
/// merged, so a discrete feature gets one bin per value) and each bin's share of the rows. A value falls into
/// the first bin whose upper edge exceeds it; past the last edge it is in the last bin.
/// </summary>
public sealed record FeatureDistribution(string Name, IReadOnlyList<float> Edges, IReadOnlyList<double> Shares)
{
    /// <summary>The bin of <paramref name="value"/>: the number of edges not above it.</summary>
    public int BinOf(float value)
    {
        var bin = 0;
        while (bin < Edges.Count && value >= Edges[bin])
        {
            bin++;
        }

        return bin;
    }

    /// <summary>The distribution of one column of training values, in up to <paramref name="bins"/> quantile bins.</summary>
    public static FeatureDistribution Of(string name, IReadOnlyList<float> values, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count, nameof(values));
        var sorted = values.Order().ToArray();
        var edges = new List<float>();
        for (var q = 1; q < bins; q++)
        {
            var edge = sorted[(int)((long)q * sorted.Length / bins)];
            if (edge > sorted[0] && (edges.Count == 0 || edge > edges[^1]))
            {
                edges.Add(edge);
            }
        }

        var distribution = new FeatureDistribution(name, edges, []);
        var counts = new int[edges.Count + 1];
        foreach (var value in values)
        {
            counts[distribution.BinOf(value)]++;
        }

        // Rounded so the manifest stays readable and byte-stable.
        return distribution with { Shares = [.. counts.Select(c => Math.Round(c / (double)values.Count, 6))] };
    }

    /// <summary>One distribution per feature, from rows in feature order.</summary>
    public static IReadOnlyList<FeatureDistribution> Of(IReadOnlyList<string> names, IReadOnlyList<float[]> rows) =>
        [.. names.Select((name, f) => Of(name, rows.Select(r => r[f]).ToArray()))];
}
