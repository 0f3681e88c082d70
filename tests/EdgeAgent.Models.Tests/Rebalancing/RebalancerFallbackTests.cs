using EdgeAgent.Models.Rebalancing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

public sealed class RebalancerFallbackTests
{
    private static readonly RebalancerOptions Options = new() { Deadline = TimeSpan.FromMilliseconds(10) };

    private static string[][] RulePlanOf(RebalanceRequest request) =>
        PlanAssertions.TaskIds(new Rebalancer(null, null, TestFloor.Layout, Options, new FakeTimeProvider()).Rebalance(request));

    [Fact]
    public void Rebalance_WhenScoringOutlastsTheDeadline_ReturnsTheRulePlanAndSaysSo()
    {
        var time = new FakeTimeProvider();
        var request = TestFloor.Busy(7, 20, 150);
        var rebalancer = new Rebalancer(new SlowPickModel(time, TimeSpan.FromMilliseconds(25)), new StandInRiskModel(), TestFloor.Layout, Options, time);

        var plan = rebalancer.Rebalance(request);

        Assert.Equal(PlanMethod.RuleFallback, plan.Method);
        Assert.Equal(FallbackReason.DeadlineExceeded, plan.FallbackReason);
        Assert.Contains("deadline 10.0 ms", plan.FallbackDetail, StringComparison.Ordinal);
        Assert.Equal(RulePlanOf(request), PlanAssertions.TaskIds(plan));
        Assert.True(plan.Elapsed >= TimeSpan.FromMilliseconds(25));
    }

    [Fact]
    public void Rebalance_WhenTheModelThrows_ReturnsTheRulePlanWithTheMessage()
    {
        var request = TestFloor.Busy(11, 20, 150);
        var rebalancer = new Rebalancer(new ThrowingPickModel(), new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());

        var plan = rebalancer.Rebalance(request);

        Assert.Equal(PlanMethod.RuleFallback, plan.Method);
        Assert.Equal(FallbackReason.ModelFailed, plan.FallbackReason);
        Assert.Contains("onnx session disposed", plan.FallbackDetail, StringComparison.Ordinal);
        Assert.Equal(RulePlanOf(request), PlanAssertions.TaskIds(plan));
        Assert.Empty(plan.Models);
    }

    [Fact]
    public void Rebalance_AfterTheModelThrew_PlansWithTheModelAgainOnceItWorks()
    {
        var request = TestFloor.Busy(11, 20, 150);
        var rebalancer = new Rebalancer(new ThrowingPickModel(), new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());
        rebalancer.Rebalance(request);

        rebalancer.UseModels(new StandInPickModel(), new StandInRiskModel());
        var plan = rebalancer.Rebalance(request);

        Assert.Equal(PlanMethod.Model, plan.Method);
    }

    [Fact]
    public void Rebalance_WithoutModels_ReturnsTheRulePlanAndSaysNoModelIsLoaded()
    {
        var plan = new Rebalancer(new StandInPickModel(), null, TestFloor.Layout, Options, new FakeTimeProvider()).Rebalance(TestFloor.Random(3));

        Assert.Equal(FallbackReason.NoModelLoaded, plan.FallbackReason);
        Assert.Contains("late-risk", plan.FallbackDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebalance_WhenTheDriftLatchIsSet_ReturnsTheRulePlanWithoutScoring()
    {
        var pick = new StandInPickModel();
        var request = TestFloor.Random(5) with { DriftLatched = true };

        var plan = new Rebalancer(pick, new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider()).Rebalance(request);

        Assert.Equal(FallbackReason.DriftLatched, plan.FallbackReason);
        Assert.Equal(0, pick.RowsScored);
        Assert.Equal(RulePlanOf(request), PlanAssertions.TaskIds(plan));
    }

    [Fact]
    public void Rebalance_WhenTimeRunsShortAfterTheFirstStep_KeepsTheModelPlanAndCutsLaterSteps()
    {
        var time = new FakeTimeProvider();
        var request = TestFloor.Busy(13, 20, 150);
        var options = Options with { Horizon = 3 };
        var rebalancer = new Rebalancer(new SlowPickModel(time, TimeSpan.FromMilliseconds(7)), new StandInRiskModel(), TestFloor.Layout, options, time);

        var plan = rebalancer.Rebalance(request);

        Assert.Equal(PlanMethod.Model, plan.Method);
        Assert.True(plan.LaterStepsCut);
        Assert.Contains(plan.Pickers, p => p.Tasks.Count == 1);
        Assert.All(plan.Pickers, p => Assert.True(p.Tasks.Count <= 1));
        PlanAssertions.RespectsTheFloor(request, plan, options);
    }
}
