using EdgeAgent.Models.Drift;
using EdgeAgent.Models.Features;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Planning;

/// <summary>
/// Puts an input drift monitor on each model the planner plans with (those whose manifest recorded its training
/// distribution): every scoring call hands a few of its rows to the monitor. A new generation gets new monitors,
/// since the new model may have been trained on a different floor.
/// </summary>
internal sealed class ModelInputWatch(InputDriftOptions options, TimeProvider time)
{
    private volatile InputDriftMonitor?[] _monitors = [];

    public (IPickDurationModel? Pick, ILateRiskModel? Risk) Wrap(IPickDurationModel? pick, ILateRiskModel? risk)
    {
        var pickMonitor = pick is OnnxPickDurationModel { Manifest.Inputs: { } pickInputs } p ? new InputDriftMonitor(p.Identity.Name, p.Identity.Version, pickInputs, options, time) : null;
        var riskMonitor = risk is OnnxLateRiskModel { Manifest.Inputs: { } riskInputs } r ? new InputDriftMonitor(r.Identity.Name, r.Identity.Version, riskInputs, options, time) : null;
        _monitors = [pickMonitor, riskMonitor];
        return (
            pick is not null && pickMonitor is not null ? new WatchedPickDurationModel(pick, pickMonitor, options.RowsPerCall) : pick,
            risk is not null && riskMonitor is not null ? new WatchedLateRiskModel(risk, riskMonitor, options.RowsPerCall) : risk);
    }

    public IReadOnlyList<InputDriftAlarm> Evaluate() => [.. _monitors.OfType<InputDriftMonitor>().SelectMany(m => m.Evaluate())];

    public object Status() => _monitors.OfType<InputDriftMonitor>().Select(m => new
    {
        Model = m.ModelName,
        Version = m.ModelVersion,
        m.Samples,
        options.PsiThreshold,
        Features = m.Status(),
    }).ToList();

    private static void Observe<T>(ReadOnlySpan<T> rows, InputDriftMonitor monitor, int rowsPerCall, Action<T, float[]> copy)
    {
        if (rows.IsEmpty)
        {
            return;
        }

        var row = new float[8];
        var stride = Math.Max(1, rows.Length / rowsPerCall);
        for (var i = 0; i < rows.Length; i += stride)
        {
            copy(rows[i], row);
            monitor.Observe(row);
        }
    }

    private sealed class WatchedPickDurationModel(IPickDurationModel inner, InputDriftMonitor monitor, int rowsPerCall) : IPickDurationModel
    {
        public ModelIdentity Identity => inner.Identity;

        public void Predict(ReadOnlySpan<PickFeatures> rows, Span<float> seconds)
        {
            inner.Predict(rows, seconds);
            Observe(rows, monitor, rowsPerCall, static (r, into) => r.CopyTo(into));
        }
    }

    private sealed class WatchedLateRiskModel(ILateRiskModel inner, InputDriftMonitor monitor, int rowsPerCall) : ILateRiskModel
    {
        public ModelIdentity Identity => inner.Identity;

        public void Predict(ReadOnlySpan<LateRiskFeatures> rows, Span<float> probabilities)
        {
            inner.Predict(rows, probabilities);
            Observe(rows, monitor, rowsPerCall, static (r, into) => r.CopyTo(into));
        }
    }
}
