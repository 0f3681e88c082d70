using EdgeAgent.Models.Rebalancing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

public sealed class RulePlannerTests
{
    private static RebalancePlan RulePlan(RebalanceRequest request, int horizon = 3) =>
        new Rebalancer(null, null, TestFloor.Layout, new RebalancerOptions { Horizon = horizon }, new FakeTimeProvider()).Rebalance(request);

    [Fact]
    public void Rule_OrdersByCutOffFirst_ThenByDistance()
    {
        var request = new RebalanceRequest
        {
            Pickers = [TestFloor.Picker("P1", "A-01-1")],
            Tasks =
            [
                TestFloor.Task("late-near", "A-02-1", TestFloor.Now.AddHours(4)),
                TestFloor.Task("early-far", "F-30-1", TestFloor.Now.AddMinutes(30)),
                TestFloor.Task("early-farther", "H-35-1", TestFloor.Now.AddMinutes(33)),
            ],
            Now = TestFloor.Now,
        };

        var plan = RulePlan(request);

        // early-far and early-farther share the 15-minute cut-off bucket: the nearer one (from F-30) comes first.
        Assert.Equal(["early-far", "early-farther", "late-near"], plan.For("P1").Select(t => t.TaskId));
        Assert.Equal(PlanMethod.RuleFallback, plan.Method);
        Assert.All(plan.For("P1"), t => Assert.Null(t.LateRisk));
    }

    [Fact]
    public void Rule_WithinOneCutOffBucket_TakesTheNearestFirst()
    {
        var cutOff = TestFloor.Now.AddHours(1);
        var request = new RebalanceRequest
        {
            Pickers = [TestFloor.Picker("P1", "D-20-1")],
            Tasks = [TestFloor.Task("far", "D-01-1", cutOff), TestFloor.Task("near", "D-22-1", cutOff)],
            Now = TestFloor.Now,
        };

        Assert.Equal(["near", "far"], RulePlan(request).For("P1").Select(t => t.TaskId));
    }

    [Fact]
    public void Rule_SkipsBlockedAislesAndAbsentPickers()
    {
        var cutOff = TestFloor.Now.AddHours(1);
        var request = new RebalanceRequest
        {
            Pickers = [TestFloor.Picker("P1"), TestFloor.Picker("P2")],
            Tasks = [TestFloor.Task("blocked", "B-01-1", cutOff), TestFloor.Task("open", "C-05-1", cutOff)],
            Disruptions = new Disruptions { BlockedAisles = new HashSet<string> { "B" }, AbsentPickers = new HashSet<string> { "P1" } },
            Now = TestFloor.Now,
        };

        var plan = RulePlan(request);

        Assert.Empty(plan.For("P1"));
        Assert.Equal(["open"], plan.For("P2").Select(t => t.TaskId));
    }
}
