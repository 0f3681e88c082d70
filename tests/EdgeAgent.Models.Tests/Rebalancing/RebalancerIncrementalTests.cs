using EdgeAgent.Models.Rebalancing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>
/// A warm rebalance after a trigger must plan what a cold one would on the same state, while scoring far
/// fewer rows. Exact equality holds while stale rows fit the refresh budget (they do here) and later steps
/// are re-planned (KeepLaterSteps off); with later steps kept, the first steps still equal the cold plan's.
/// </summary>
public sealed class RebalancerIncrementalTests
{
    private static readonly RebalancerOptions Options = new() { Horizon = 3, KeepLaterSteps = false };

    private static Rebalancer NewRebalancer(StandInPickModel pick, RebalancerOptions? options = null) =>
        new(pick, new StandInRiskModel(), TestFloor.Layout, options ?? Options, new FakeTimeProvider());

    private static RebalancePlan Cold(RebalanceRequest request) => NewRebalancer(new StandInPickModel()).Rebalance(request);

    private static RebalanceRequest StartFirstPlannedTask(RebalanceRequest request, RebalancePlan plan)
    {
        // The host prompts the first idle picker's first planned task: it leaves the open pool and the picker walks there.
        var picker = plan.Pickers.First(p => p.Tasks.Count > 0);
        var started = request.Tasks.First(t => t.Id == picker.Tasks[0].TaskId);
        return request with
        {
            Tasks = request.Tasks.Where(t => t.Id != started.Id).ToList(),
            Pickers = request.Pickers.Select(p => p.Id == picker.PickerId
                ? p with { Position = started.Location, CurrentTaskId = started.Id, RemainingSeconds = picker.Tasks[0].PredictedSeconds }
                : p).ToList(),
            Trigger = RebalanceTrigger.TaskDone,
        };
    }

    [Fact]
    public void WarmRebalance_AfterTaskDone_PlansAsColdAndScoresFarFewerRows()
    {
        var warmModel = new StandInPickModel();
        var warm = NewRebalancer(warmModel);
        var request = TestFloor.Busy(21, 20, 150);
        var next = StartFirstPlannedTask(request, warm.Rebalance(request));
        var rowsBefore = warmModel.RowsScored;

        var incremental = warm.Rebalance(next);
        var cold = Cold(next);

        Assert.Equal(PlanAssertions.TaskIds(cold), PlanAssertions.TaskIds(incremental));
        Assert.True(Math.Abs(cold.Objective!.Value - incremental.Objective!.Value) < 1e-6, $"{cold.Counters} {incremental.Counters}");
        Assert.True(incremental.Counters.PickRowsScored * 3 < cold.Counters.PickRowsScored,
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

    [Fact]
    public void WarmRebalance_KeepingLaterSteps_PlansTheColdFirstStepsAndScoresLess()
    {
        var keep = new RebalancerOptions { Horizon = 3, KeepLaterSteps = true };
        var kept = NewRebalancer(new StandInPickModel(), keep);
        var replanned = NewRebalancer(new StandInPickModel());
        var request = TestFloor.Busy(24, 20, 150);
        var next = StartFirstPlannedTask(request, kept.Rebalance(request));
        replanned.Rebalance(request);

        var warm = kept.Rebalance(next);
        var warmReplanned = replanned.Rebalance(next);
        var cold = Cold(next);

        Assert.Equal(cold.Pickers.Select(p => p.Tasks.Count > 0 ? p.Tasks[0].TaskId : null), warm.Pickers.Select(p => p.Tasks.Count > 0 ? p.Tasks[0].TaskId : null));
        Assert.True(warm.Counters.CandidatesConsidered < warmReplanned.Counters.CandidatesConsidered);
        PlanAssertions.RespectsTheFloor(next, warm, keep);
    }
}
