using System.Collections.Concurrent;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Planning;

/// <summary>What the planner did, counted for <c>/metrics</c>: rebalances by method and why the rule planned.</summary>
public sealed class PlannerCounters
{
    private readonly ConcurrentDictionary<string, long> _byOutcome = new(StringComparer.Ordinal);
    private long _rebalances;
    private double _lastMilliseconds;

    public long Rebalances => Interlocked.Read(ref _rebalances);

    public double LastMilliseconds => Volatile.Read(ref _lastMilliseconds);

    /// <summary>Counts by <c>model</c> or by the fallback reason (<c>DeadlineExceeded</c>, <c>DriftLatched</c> …).</summary>
    public IReadOnlyDictionary<string, long> ByOutcome => _byOutcome;

    internal void Count(RebalancePlan plan)
    {
        Interlocked.Increment(ref _rebalances);
        Volatile.Write(ref _lastMilliseconds, plan.Elapsed.TotalMilliseconds);
        _byOutcome.AddOrUpdate(plan.Method == PlanMethod.Model ? "model" : plan.FallbackReason.ToString(), 1, (_, n) => n + 1);
    }
}
