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
    private readonly List<int> _live = [];
    private readonly List<int> _rowOrders = [];
    private readonly List<(int Order, int Age)> _stale = [];
    private LateRiskFeatures[] _rows = new LateRiskFeatures[256];
    private float[] _out = new float[256];
    private long[] _rank = [];
    private int[] _seen = [];
    private long[] _cutOff = [];
    private int[] _lines = [];
    private double[] _seconds = [];
    private int[] _priority = [];
    private float[] _risk = [];
    private LateRiskFeatures[] _features = [];

    [SuppressMessage("Design", "CA1031", Justification = "Any model failure must degrade to the rule plan, never fail the floor.")]
    public bool TryScore(PlanningRun run, ILateRiskModel model, [NotNullWhen(false)] out string? error)
    {
        error = null;
        Aggregate(run);
        run.Counters.StaleUsed += CollectRows(options.RiskRefreshBudget ?? options.StaleRefreshBudget);
        var n = _rowOrders.Count;
        if (n > 0)
        {
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
                var order = _rowOrders[i];
                cache.Put(order, tasks.Orders.Version[order], _rows[i], _out[i], run.Call);
                _risk[order] = _out[i];
            }

            run.Counters.RiskRows += n;
        }

        SetExposure(run);
        return true;
    }

    /// <summary>Sums each open order's lines, work, earliest cut-off and top priority, in request order.</summary>
    private void Aggregate(PlanningRun run)
    {
        var size = tasks.Orders.HighWater;
        if (_seen.Length < size)
        {
            var n = Math.Max(size, _seen.Length * 2);
            (_seen, _cutOff, _lines, _seconds, _priority, _risk, _features) =
                (new int[n], new long[n], new int[n], new double[n], new int[n], new float[n], new LateRiskFeatures[n]);
        }

        _live.Clear();
        var total = 0.0;
        foreach (var slot in tasks.InputOrder)
        {
            var task = tasks.Task[slot]!;
            var o = tasks.OrderOf[slot];
            var seconds = RebalanceObjective.EstimatedLineSeconds(task, options);
            total += seconds;
            if (_seen[o] != run.Call)
            {
                _seen[o] = run.Call;
                _live.Add(o);
                (_cutOff[o], _lines[o], _seconds[o], _priority[o]) = (task.ShipCutOff.UtcTicks, 0, 0, task.Priority);
            }

            _cutOff[o] = Math.Min(_cutOff[o], task.ShipCutOff.UtcTicks);
            _lines[o]++;
            _seconds[o] += seconds;
            _priority[o] = Math.Min(_priority[o], task.Priority);
        }

        var backlog = RebalanceObjective.Backlog(total, run.Pickers.Count);
        foreach (var o in _live)
        {
            _features[o] = RebalanceObjective.RiskRow(_cutOff[o], _lines[o], _seconds[o], backlog, _priority[o], run.Request.Now);
        }
    }

    /// <summary>Orders whose work changed must be scored; clock-only changes are refreshed oldest first within the budget.</summary>
    private int CollectRows(int budget)
    {
        _rowOrders.Clear();
        _stale.Clear();
        foreach (var o in _live)
        {
            var verdict = cache.Check(o, tasks.Orders.Version[o], _features[o], out _risk[o], out var scoredAt);
            if (verdict == OrderRiskCache.Verdict.Missing)
            {
                AddRow(o);
            }
            else if (verdict == OrderRiskCache.Verdict.Stale)
            {
                _stale.Add((o, scoredAt));
            }
        }

        _stale.Sort((a, b) => a.Age != b.Age ? a.Age.CompareTo(b.Age) : a.Order.CompareTo(b.Order));
        for (var i = 0; i < _stale.Count && i < budget; i++)
        {
            AddRow(_stale[i].Order);
        }

        return Math.Max(0, _stale.Count - budget);
    }

    private void AddRow(int order)
    {
        if (_rowOrders.Count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
            Array.Resize(ref _out, _out.Length * 2);
        }

        _rows[_rowOrders.Count] = _features[order];
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
            var risk = _risk[tasks.OrderOf[slot]];
            var exposure = RebalanceObjective.Exposure(tasks.Task[slot]!.Priority, risk, options);
            run.Risk[slot] = risk;
            run.Exposure[slot] = exposure;
            total += exposure;

            // Highest exposure first, then request order: one sortable number per task.
            var bits = BitConverter.SingleToUInt32Bits((float)exposure);
            _rank[i] = ((long)(uint.MaxValue - bits) << 32) | (uint)i;
        }

        Array.Sort(_rank, 0, order.Count);
        var byExposure = run.ByExposure.Length == order.Count ? run.ByExposure : new int[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            byExposure[i] = order[(int)(_rank[i] & 0xFFFFFFFF)];
        }

        run.ByExposure = byExposure;
        run.TotalExposure = total;
    }
}
