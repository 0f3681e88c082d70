using CsCheck;
using EdgeAgent.Models.Rebalancing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

public sealed class RebalancerConstraintTests
{
    private static readonly RebalancerOptions Options = new() { Horizon = 3, NearestCandidates = 6, UrgentCandidates = 3 };

    [Fact]
    public void ModelPlan_OnRandomFloors_RespectsZonesSkillsBlocksAbsencesAndHorizons()
    {
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var request = TestFloor.Random(seed);
            var rebalancer = new Rebalancer(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());

            var plan = rebalancer.Rebalance(request);

            Assert.Equal(PlanMethod.Model, plan.Method);
            PlanAssertions.RespectsTheFloor(request, plan, Options);
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void RulePlan_OnRandomFloors_RespectsZonesSkillsBlocksAbsencesAndHorizons()
    {
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var request = TestFloor.Random(seed);
            var rebalancer = new Rebalancer(null, null, TestFloor.Layout, Options, new FakeTimeProvider());

            var plan = rebalancer.Rebalance(request);

            Assert.Equal(PlanMethod.RuleFallback, plan.Method);
            PlanAssertions.RespectsTheFloor(request, plan, Options);
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void ModelPlan_OnSuccessiveRandomFloors_StaysValidWhileItsCachesCarryOver()
    {
        var rebalancer = new Rebalancer(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());
        for (var seed = 0; seed < 100; seed++)
        {
            var request = TestFloor.Random(seed);

            var plan = rebalancer.Rebalance(request);

            PlanAssertions.RespectsTheFloor(request, plan, Options);
        }
    }

    [Fact]
    public void Plan_WhenTheRequestRepeatsATask_PlansItOnce()
    {
        var cutOff = TestFloor.Now.AddHours(1);
        var task = TestFloor.Task("T1", "A-02-1", cutOff);
        var request = new RebalanceRequest
        {
            Pickers = [TestFloor.Picker("P1"), TestFloor.Picker("P2")],
            Tasks = [task, task with { Quantity = 2 }],
            Now = TestFloor.Now,
        };
        var rebalancer = new Rebalancer(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());

        var plan = rebalancer.Rebalance(request);

        Assert.Single(plan.Pickers.SelectMany(p => p.Tasks));
    }

    [Fact]
    public void Plan_ForAPickerWithAHorizonOfTwo_PlansTwoTasksInWalkingOrder()
    {
        var cutOff = TestFloor.Now.AddHours(3);
        var request = new RebalanceRequest
        {
            Pickers = [TestFloor.Picker("P1", "B-01-1") with { Horizon = 2 }],
            Tasks = [TestFloor.Task("far", "B-30-1", cutOff), TestFloor.Task("near", "B-03-1", cutOff), TestFloor.Task("mid", "B-10-1", cutOff)],
            Now = TestFloor.Now,
        };
        var rebalancer = new Rebalancer(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());

        var plan = rebalancer.Rebalance(request);

        Assert.Equal(["near", "mid"], plan.For("P1").Select(t => t.TaskId));
        Assert.True(plan.For("P1")[1].CompletesAfterSeconds > plan.For("P1")[0].CompletesAfterSeconds);
    }
}
