using EdgeAgent.Models.Rebalancing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>
/// A warm rebalance after a trigger must plan what a cold one would on the same state, while scoring far
/// fewer rows. Exact equality holds while stale rows fit the refresh budget (they do here); past it a warm
/// plan may use scores up to one aisle-congestion change or one clock minute old (README.md).
/// </summary>
public sealed class RebalancerIncrementalTests
{
    private static readonly RebalancerOptions Options = new() { Horizon = 3 };

    private static Rebalancer NewRebalancer(StandInPickModel pick) =>
        new(pick, new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());

    private static RebalancePlan Cold(RebalanceRequest request) => NewRebalancer(new StandInPickModel()).Rebalance(request);

    [Fact]
    public void WarmRebalance_AfterTaskDone_PlansAsColdAndScoresFarFewerRows()
    {
        var warmModel = new StandInPickModel();
        var warm = NewRebalancer(warmModel);
        var request = TestFloor.Busy(21, 20, 150);
        var first = warm.Rebalance(request);

        // The host prompts the first idle picker's first planned task: it leaves the open pool and the picker walks there.
        var picker = first.Pickers.First(p => p.Tasks.Count > 0);
        var started = request.Tasks.First(t => t.Id == picker.Tasks[0].TaskId);
        var next = request with
        {
            Tasks = request.Tasks.Where(t => t.Id != started.Id).ToList(),
            Pickers = request.Pickers.Select(p => p.Id == picker.PickerId
                ? p with { Position = started.Location, CurrentTaskId = started.Id, RemainingSeconds = picker.Tasks[0].PredictedSeconds }
                : p).ToList(),
            Trigger = RebalanceTrigger.TaskDone,
        };
        var rowsBefore = warmModel.RowsScored;

        var incremental = warm.Rebalance(next);
        var cold = Cold(next);

        Assert.Equal(PlanAssertions.TaskIds(cold), PlanAssertions.TaskIds(incremental));
        Assert.True(Math.Abs(cold.Objective!.Value - incremental.Objective!.Value) < 1e-6, $"{cold.Counters} {incremental.Counters}");
        Assert.True(incremental.Counters.PickRowsScored * 5 < cold.Counters.PickRowsScored,
            $"warm scored {incremental.Counters.PickRowsScored} rows, cold {cold.Counters.PickRowsScored}");
        Assert.Equal(warmModel.RowsScored - rowsBefore, incremental.Counters.PickRowsScored);
        Assert.True(incremental.Counters.CacheHits > incremental.Counters.PickRowsScored);
    }

    [Fact]
    public void WarmRebalance_AfterANewRelease_PlansAsColdAndScoresFewerRows()
    {
        var warm = NewRebalancer(new StandInPickModel());
        var request = TestFloor.Busy(22, 20, 150);
        warm.Rebalance(request);
        var release = TestFloor.Busy(99, 0, 20).Tasks.Select(t => t with { Id = "new-" + t.Id, OrderId = "new-" + t.OrderId });
        var next = request with { Tasks = [.. request.Tasks, .. release], Trigger = RebalanceTrigger.NewRelease };

        var incremental = warm.Rebalance(next);
        var cold = Cold(next);

        Assert.Equal(PlanAssertions.TaskIds(cold), PlanAssertions.TaskIds(incremental));
        Assert.True(incremental.Counters.PickRowsScored < cold.Counters.PickRowsScored);
        Assert.True(incremental.Counters.RiskRowsScored <= cold.Counters.RiskRowsScored);
    }

    [Fact]
    public void WarmRebalance_OnAnUnchangedState_ScoresNothing()
    {
        var warm = NewRebalancer(new StandInPickModel());
        var request = TestFloor.Busy(23, 20, 150);
        var first = warm.Rebalance(request);

        var again = warm.Rebalance(request with { Trigger = RebalanceTrigger.Manual });

        Assert.Equal(PlanAssertions.TaskIds(first), PlanAssertions.TaskIds(again));
        Assert.Equal(0, again.Counters.PickRowsScored);
        Assert.Equal(0, again.Counters.RiskRowsScored);
    }
}
