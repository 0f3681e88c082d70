using EdgeAgent.Models.Manifest;

namespace EdgeAgent.Models.Drift;

/// <summary>
/// Compares the features of the rows a model scores with the distribution its manifest recorded at training,
/// per feature, by the population stability index PSI = Σ (live − training) · ln(live / training) over the
/// manifest's bins. A feature past the threshold raises one alarm, and raises the next only after it has come back
/// under <see cref="ClearShare"/> of the threshold. It sees a changed floor (heavier orders, far aisles) as soon as
/// requests change, before late orders show it. Thread-safe.
/// </summary>
public sealed class InputDriftMonitor
{
    /// <summary>
    /// An alarming feature clears once its PSI falls under this share of the threshold, not as soon as it dips under it:
    /// a feature hovering at the threshold would otherwise alarm at every crossing (each a warning and a floor event;
    /// the demo's handling class did so three times in 20 s).
    /// </summary>
    public const double ClearShare = 0.8;

    // Empty bins would make the logarithm infinite; the usual floor.
    private const double Epsilon = 1e-4;
    private readonly InputDriftOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<FeatureDistribution> _training;
    private readonly Lock _gate = new();
    private readonly byte[][] _bins;
    private readonly int[][] _counts;
    private readonly bool[] _alarming;
    private int _next;
    private int _count;

    public InputDriftMonitor(string modelName, string modelVersion, IReadOnlyList<FeatureDistribution> training, InputDriftOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (training.Any(t => t.Shares.Count != t.Edges.Count + 1 || t.Shares.Count > byte.MaxValue))
        {
            throw new ArgumentException("Each feature needs one share per bin (edges + 1), at most 255 bins.", nameof(training));
        }

        (ModelName, ModelVersion, _training, _options, _time) = (modelName, modelVersion, training, options, time);
        _bins = [.. training.Select(_ => new byte[options.WindowSize])];
        _counts = [.. training.Select(t => new int[t.Shares.Count])];
        _alarming = new bool[training.Count];
    }

    public string ModelName { get; }

    public string ModelVersion { get; }

    public int Samples
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds one scored row (features in manifest order).</summary>
    public void Observe(ReadOnlySpan<float> row)
    {
        lock (_gate)
        {
            var full = _count == _options.WindowSize;
            for (var f = 0; f < _training.Count && f < row.Length; f++)
            {
                if (full)
                {
                    _counts[f][_bins[f][_next]]--;
                }

                var bin = (byte)_training[f].BinOf(row[f]);
                _bins[f][_next] = bin;
                _counts[f][bin]++;
            }

            _count = full ? _count : _count + 1;
            _next = (_next + 1) % _options.WindowSize;
        }
    }

    /// <summary>Features that crossed the threshold since the last call (one alarm per crossing, see <see cref="ClearShare"/>).</summary>
    public IReadOnlyList<InputDriftAlarm> Evaluate()
    {
        var alarms = new List<InputDriftAlarm>();
        lock (_gate)
        {
            if (_count < _options.MinimumSamples)
            {
                return alarms;
            }

            for (var f = 0; f < _training.Count; f++)
            {
                var psi = Psi(f);
                var drifted = psi > _options.PsiThreshold;
                if (drifted && !_alarming[f])
                {
                    alarms.Add(new InputDriftAlarm(ModelName, ModelVersion, _training[f].Name, psi, _options.PsiThreshold, _count, _time.GetUtcNow()));
                }

                _alarming[f] = drifted || (_alarming[f] && psi >= _options.PsiThreshold * ClearShare);
            }
        }

        return alarms;
    }

    public IReadOnlyList<FeatureDrift> Status()
    {
        lock (_gate)
        {
            return [.. _training.Select((t, f) => new FeatureDrift(t.Name, _count > 0 ? Math.Round(Psi(f), 4) : null, _alarming[f]))];
        }
    }

    private double Psi(int feature)
    {
        var psi = 0.0;
        var shares = _training[feature].Shares;
        for (var b = 0; b < shares.Count; b++)
        {
            var live = Math.Max(_counts[feature][b] / (double)_count, Epsilon);
            var trained = Math.Max(shares[b], Epsilon);
            psi += (live - trained) * Math.Log(live / trained);
        }

        return psi;
    }
}
