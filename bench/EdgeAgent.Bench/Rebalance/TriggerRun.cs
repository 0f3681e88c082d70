using System.Diagnostics;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>A cold rebalance, then warm-up triggers, then timed triggers, all on one seeded floor.</summary>
internal sealed class TriggerRun
{
    public required RebalancePlan Cold { get; init; }

    public required double ColdMilliseconds { get; init; }

    public required List<LatencySample> Samples { get; init; }

    public required FloorState Floor { get; init; }

    public required Rebalancer Rebalancer { get; init; }

    public required RebalancePlan Last { get; init; }

    public required RebalanceRequest LastRequest { get; init; }

    public static TriggerRun Execute(int seed, int pickers, int tasks, RebalancerOptions options, int warmUp, int measured)
    {
        var floor = new BenchFloor(seed);
        var state = new FloorState(floor, floor.Pickers(pickers), floor.Release(tasks, BenchFloor.Start));
        var (pick, risk) = BenchModels.Create();
        var rebalancer = new Rebalancer(pick, risk, floor.Layout, options);

        // The first call fills every cache; the host gives it a start-up deadline, so time it unbounded.
        var clock = Stopwatch.StartNew();
        var plan = rebalancer.Rebalance(state.Request(RebalanceTrigger.Manual), Timeout.InfiniteTimeSpan);
        var cold = clock.Elapsed.TotalMilliseconds;
        var coldPlan = plan;

        var samples = new List<LatencySample>(measured);
        var request = state.Request(RebalanceTrigger.Manual);
        for (var i = 0; i < warmUp + measured; i++)
        {
            var trigger = state.Advance(plan);
            request = state.Request(trigger);
            var cpu = ThreadClock.Milliseconds();
            clock.Restart();
            plan = rebalancer.Rebalance(request);
            var ms = clock.Elapsed.TotalMilliseconds;
            cpu = ThreadClock.Milliseconds() - cpu;
            if (i >= warmUp)
            {
                var c = plan.Counters;
                samples.Add(new LatencySample(trigger, ms, cpu, plan.Method, plan.LaterStepsCut, c.PickRowsScored, c.RiskRowsScored, c.CacheHits, c.StaleRowsUsed));
            }
        }

        return new TriggerRun { Cold = coldPlan, ColdMilliseconds = cold, Samples = samples, Floor = state, Rebalancer = rebalancer, Last = plan, LastRequest = request };
    }
}
