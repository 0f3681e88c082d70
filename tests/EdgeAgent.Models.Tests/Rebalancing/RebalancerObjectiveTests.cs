using EdgeAgent.Models.Rebalancing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

public sealed class RebalancerObjectiveTests
{
    private static Rebalancer NewRebalancer(RebalancerOptions? options = null) =>
        new(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, options ?? new RebalancerOptions { Horizon = 1 }, new FakeTimeProvider());

    [Fact]
    public void Plan_BetweenEquallyNearTasks_PrefersTheHighPriorityOrderLikelyToBeLate()
    {
        var request = new RebalanceRequest
        {
            Pickers = [TestFloor.Picker("P1", "C-10-1")],
            Tasks =
            [
                TestFloor.Task("relaxed", "C-12-1", TestFloor.Now.AddHours(6), priority: 5),
                TestFloor.Task("urgent", "C-08-1", TestFloor.Now.AddMinutes(-2), priority: 1, quantity: 1),
            ],
            Now = TestFloor.Now,
        };

        var step = NewRebalancer().Rebalance(request).For("P1").Single();

        Assert.Equal("urgent", step.TaskId);
        Assert.True(step.LateRisk > 0.5f);
        Assert.Equal("relaxed", step.Explanation.RunnerUp!.TaskId);
        Assert.True(step.Explanation.RunnerUp.Cost > step.PredictedSeconds - step.Exposure);
        Assert.True(step.Confidence > 0.5);
    }

    [Fact]
    public void Plan_ForAFarUrgentTask_SendsTheNearestAllowedPicker()
    {
        var request = new RebalanceRequest
        {
            Pickers = [TestFloor.Picker("near", "H-20-1"), TestFloor.Picker("far", "A-01-1")],
            Tasks =
            [
                TestFloor.Task("urgent", "H-22-1", TestFloor.Now.AddMinutes(2), priority: 1),
                TestFloor.Task("filler", "A-02-1", TestFloor.Now.AddHours(5), priority: 5),
            ],
            Now = TestFloor.Now,
        };

        var plan = NewRebalancer().Rebalance(request);

        Assert.Equal("urgent", plan.For("near").Single().TaskId);
        Assert.Equal("filler", plan.For("far").Single().TaskId);
    }

    [Fact]
    public void Plan_StatesTheModelsAndAnObjectiveThatAddsUp()
    {
        var request = TestFloor.Busy(31, 10, 60);

        var plan = NewRebalancer().Rebalance(request);

        Assert.Equal(PlanMethod.Model, plan.Method);
        Assert.Equal(["stand-in-pick", "stand-in-risk"], plan.Models.Select(m => m.Name));
        var steps = plan.Pickers.SelectMany(p => p.Tasks).ToList();
        var allExposure = RebalanceObjective.OrderFeatures(request, new RebalancerOptions(), TestFloor.Layout);
        Assert.NotEmpty(allExposure);
        Assert.True(plan.Objective > steps.Sum(s => s.PredictedSeconds - s.Exposure));
        Assert.All(steps, s => Assert.InRange(s.Confidence, 0, 1));
    }
}
