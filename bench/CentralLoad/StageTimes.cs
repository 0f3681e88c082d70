using System.Diagnostics.Metrics;
using CloudBridge.Audit;

namespace CentralLoad;

/// <summary>
/// The ingress's own timings (<c>CloudBridge.Central</c> meter of the in-process replicas) while a figure is measured:
/// a batch's time in the ingress, each JetStream publish, each ledger compare-and-set. Set beside the gateways' ack
/// latency they show where an ack's time goes.
/// </summary>
internal sealed class StageTimes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);
    private volatile bool _measuring;

    public StageTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AuditChainMetrics.MeterName && instrument is Histogram<double>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (!_measuring)
            {
                return;
            }

            string name = instrument.Name;
            foreach (var tag in tags)
            {
                if (tag.Key == "lane")
                {
                    name += "{lane=" + tag.Value + "}";
                }
            }

            lock (_gate)
            {
                if (!_values.TryGetValue(name, out var list))
                {
                    _values[name] = list = [];
                }

                list.Add(value);
            }
        });
        _listener.Start();
    }

    public void Start() => _measuring = true;

    public void Stop() => _measuring = false;

    /// <summary>Per instrument (and lane): count, p50, p99 in ms.</summary>
    public List<(string Name, int Count, double P50, double P99)> Summary()
    {
        lock (_gate)
        {
            return _values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v =>
            {
                var sorted = v.Value.Order().ToList();
                return (v.Key, sorted.Count, At(sorted, 0.50), At(sorted, 0.99));
            }).ToList();
        }
    }

    /// <summary>Mean of an instrument's values (name as in <see cref="Summary"/>); NaN when none.</summary>
    public double Mean(string name)
    {
        lock (_gate)
        {
            return _values.TryGetValue(name, out var list) && list.Count > 0 ? list.Average() : double.NaN;
        }
    }

    /// <summary>" ms" for the timings, " events" for the events-per-message histogram.</summary>
    public static string UnitOf(string name) => name.Contains("message_events", StringComparison.Ordinal) ? " events" : " ms";

    public void Dispose() => _listener.Dispose();

    private static double At(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
