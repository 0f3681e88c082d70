using System.Diagnostics.CodeAnalysis;
using EdgeAgent.Models.Features;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Late risk per order (not per task), cached; then each task's exposure and the exposure ranking the
/// urgent candidates come from.
/// </summary>
internal sealed class RiskScorer(TaskTable tasks, OrderRiskCache cache, RebalancerOptions options)
{
    private readonly Dictionary<string, float> _risk = new(StringComparer.Ordinal);
    private readonly List<string> _rowOrders = [];
    private readonly List<(string Order, int Age)> _stale = [];
    private LateRiskFeatures[] _rows = new LateRiskFeatures[256];
    private float[] _out = new float[256];
    private long[] _rank = [];

    [SuppressMessage("Design", "CA1031", Justification = "Any model failure must degrade to the rule plan, never fail the floor.")]
    public bool TryScore(PlanningRun run, ILateRiskModel model, [NotNullWhen(false)] out string? error)
    {
        error = null;
        var features = RebalanceObjective.OrderFeatures(
            tasks.InputOrder.Select(s => tasks.Task[s]!), run.Pickers.Count, run.Request.Now, options);
        cache.Retain(features);
        run.Counters.StaleUsed += CollectRows(features, options.StaleRefreshBudget);
        if (_rowOrders.Count > 0)
        {
            var n = _rowOrders.Count;
            try
            {
                model.Predict(_rows.AsSpan(0, n), _out.AsSpan(0, n));
            }
            catch (Exception ex)
            {
                error = $"{model.Identity.Name} {model.Identity.Version}: {ex.GetType().Name}: {ex.Message}";
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                if (!float.IsFinite(_out[i]) || _out[i] < 0 || _out[i] > 1)
                {
                    error = $"{model.Identity.Name} {model.Identity.Version}: predicted a late risk of {_out[i]}";
                    return false;
                }
            }

            for (var i = 0; i < n; i++)
            {
                cache.Put(_rowOrders[i], _rows[i], _out[i], run.Call);
                _risk[_rowOrders[i]] = _out[i];
            }

            run.Counters.RiskRows += n;
        }

        SetExposure(run);
        return true;
    }

    /// <summary>Orders whose work changed must be scored; clock-only changes are refreshed oldest first within the budget.</summary>
    private int CollectRows(Dictionary<string, LateRiskFeatures> features, int budget)
    {
        _risk.Clear();
        _rowOrders.Clear();
        _stale.Clear();
        foreach (var (order, f) in features)
        {
            var verdict = cache.Check(order, f, out var risk);
            _risk[order] = risk;
            if (verdict == OrderRiskCache.Verdict.Missing)
            {
                AddRow(order, f);
            }
            else if (verdict == OrderRiskCache.Verdict.Stale)
            {
                _stale.Add((order, cache.AgeOf(order)));
            }
        }

        _stale.Sort((a, b) => a.Age.CompareTo(b.Age));
        for (var i = 0; i < _stale.Count && i < budget; i++)
        {
            AddRow(_stale[i].Order, features[_stale[i].Order]);
        }

        return Math.Max(0, _stale.Count - budget);
    }

    private void AddRow(string order, LateRiskFeatures f)
    {
        if (_rowOrders.Count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
            Array.Resize(ref _out, _out.Length * 2);
        }

        _rows[_rowOrders.Count] = f;
        _rowOrders.Add(order);
    }

    private void SetExposure(PlanningRun run)
    {
        var order = tasks.InputOrder;
        if (_rank.Length < order.Count)
        {
            _rank = new long[Math.Max(order.Count, _rank.Length * 2)];
        }

        var total = 0.0;
        for (var i = 0; i < order.Count; i++)
        {
            var slot = order[i];
            var task = tasks.Task[slot]!;
            var risk = _risk[task.OrderId];
            var exposure = RebalanceObjective.Exposure(task.Priority, risk, options);
            run.Risk[slot] = risk;
            run.Exposure[slot] = exposure;
            total += exposure;

            // Highest exposure first, then request order: one sortable number per task.
            var bits = BitConverter.SingleToUInt32Bits((float)exposure);
            _rank[i] = ((long)(uint.MaxValue - bits) << 32) | (uint)i;
        }

        Array.Sort(_rank, 0, order.Count);
        var byExposure = new int[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            byExposure[i] = order[(int)(_rank[i] & 0xFFFFFFFF)];
        }

        run.ByExposure = byExposure;
        run.TotalExposure = total;
    }
}
