using EdgeAgent.Models.Rebalancing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>
/// Late in a shift exposures dwarf walking seconds and many tasks tie on exposure; the best plan then
/// takes chains of displacements a greedy misses. Small floors where every task is a candidate must get
/// the exact minimum of J, found here by trying every assignment.
/// </summary>
public sealed class RebalancerOptimalityTests
{
    private static readonly RebalancerOptions Options = new() { Horizon = 1 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Plan_WhenExposuresDwarfWalking_IsTheExactMinimumOverEveryAssignment(int seed)
    {
        var request = LateFloor(seed, pickers: 5, tasks: 10);
        var rebalancer = new Rebalancer(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, Options, new FakeTimeProvider());

        var plan = rebalancer.Rebalance(request);

        Assert.Equal(PlanMethod.Model, plan.Method);
        Assert.All(plan.Pickers, p => Assert.Single(p.Tasks));
        var best = BruteForce.MinimumObjective(request, Options);
        Assert.True(Math.Abs(plan.Objective!.Value - best) < 0.01, $"planned J {plan.Objective} vs the exact minimum {best}");
    }

    [Fact]
    public void WarmRebalance_AfterTheClockAndPickersMove_PlansTheFirstStepsOfAColdRebalance()
    {
        var options = new RebalancerOptions { Horizon = 3 };
        var warm = new Rebalancer(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, options, new FakeTimeProvider());
        var request = LateFloor(7, pickers: 12, tasks: 80);
        var plan = warm.Rebalance(request);
        for (var trigger = 0; trigger < 6; trigger++)
        {
            // A picker starts its first planned task, and a minute and a half passes: risks and congestion move.
            var mover = plan.Pickers.First(p => p.Tasks.Count > 0);
            var started = request.Tasks.First(t => t.Id == mover.Tasks[0].TaskId);
            request = request with
            {
                Tasks = request.Tasks.Where(t => t.Id != started.Id).ToList(),
                Pickers = request.Pickers.Select(p => p.Id == mover.PickerId ? p with { Position = started.Location } : p).ToList(),
                Now = request.Now.AddSeconds(90),
                Trigger = RebalanceTrigger.TaskDone,
            };
            plan = warm.Rebalance(request);
        }

        var cold = new Rebalancer(new StandInPickModel(), new StandInRiskModel(), TestFloor.Layout, options, new FakeTimeProvider()).Rebalance(request);

        Assert.Equal(PlanMethod.Model, plan.Method);
        Assert.Equal(0, plan.Counters.StaleRowsUsed);
        Assert.Equal(FirstSteps(cold), FirstSteps(plan));
    }

    private static Dictionary<string, string?> FirstSteps(RebalancePlan plan) =>
        plan.Pickers.ToDictionary(p => p.PickerId, p => p.Tasks.Count > 0 ? p.Tasks[0].TaskId : null);

    /// <summary>Cut-offs minutes away, priorities 1–2, three lines an order: large, tied exposures.</summary>
    private static RebalanceRequest LateFloor(int seed, int pickers, int tasks)
    {
        var random = new Random(seed);
        string Bin() => $"{(char)('A' + random.Next(8))}-{random.Next(1, 41):00}-{random.Next(1, 5)}";
        return new RebalanceRequest
        {
            Pickers = Enumerable.Range(0, pickers).Select(i => TestFloor.Picker($"P{i}", Bin()) with { Pace = 0.8 + (random.NextDouble() * 0.5) }).ToList(),
            Tasks = Enumerable.Range(0, tasks).Select(i => TestFloor.Task(
                $"T{i}", Bin(), TestFloor.Now.AddMinutes(random.Next(0, 12)), priority: random.Next(1, 3), order: $"O{i / 3}", quantity: random.Next(1, 4))).ToList(),
            Now = TestFloor.Now,
        };
    }
}
