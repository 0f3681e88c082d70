using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Truth;

namespace ShiftScenario.Tests;

public class ShiftTruthTests
{
    [Fact]
    public void SameScenario_DrawsTheSameFloor_PickersOrdersAndPickTimes()
    {
        var scenario = ScenarioLoader.Compress(ScenarioLoader.Load("bad-day"));

        var a = new ShiftTruth(scenario);
        var b = new ShiftTruth(scenario);

        Assert.Equal(a.Pickers.Select(p => (p.Id, p.Pace, string.Join(',', p.Zones), string.Join(',', p.Skills), p.LeavesAt)),
            b.Pickers.Select(p => (p.Id, p.Pace, string.Join(',', p.Zones), string.Join(',', p.Skills), p.LeavesAt)));
        Assert.Equal(a.Orders.Select(o => (o.Id, o.ReleaseAt, o.CutOff, o.RealCutOff, o.Tier, string.Join(';', o.Lines))),
            b.Orders.Select(o => (o.Id, o.ReleaseAt, o.CutOff, o.RealCutOff, o.Tier, string.Join(';', o.Lines))));
        var line = a.Orders[5].Lines[0];
        Assert.Equal(a.Pick(a.Pickers[3], (2, 7), line), b.Pick(b.Pickers[3], (2, 7), line));
    }

    [Fact]
    public void PickTime_DoesNotDependOnWhatWasAskedBefore()
    {
        var truth = new ShiftTruth(ScenarioLoader.Compress(ScenarioLoader.Load("normal")));
        var line = truth.Orders[10].Lines[0];
        var first = truth.Pick(truth.Pickers[0], (0, 1), line);

        foreach (var other in truth.Orders.Take(50).SelectMany(o => o.Lines))
        {
            truth.Pick(truth.Pickers[1], (3, 3), other);
        }

        Assert.Equal(first, truth.Pick(truth.Pickers[0], (0, 1), line));
    }

    [Fact]
    public void AnotherSeed_DrawsAnotherFloor()
    {
        var scenario = ScenarioLoader.Compress(ScenarioLoader.Load("normal"));

        var a = new ShiftTruth(scenario);
        var b = new ShiftTruth(scenario with { Seed = scenario.Seed + 1 });

        Assert.NotEqual(a.Pickers.Select(p => p.Pace), b.Pickers.Select(p => p.Pace));
    }

    [Fact]
    public void BadDayCrew_IsSlowerThanTheNormalCrew()
    {
        var normal = new ShiftTruth(ScenarioLoader.Load("normal"));
        var bad = new ShiftTruth(ScenarioLoader.Load("bad-day"));

        Assert.True(bad.Pickers.Average(p => p.Pace) < normal.Pickers.Average(p => p.Pace) - 0.1);
    }

    [Fact]
    public void CarrierMovingEarlier_MovesOnlyItsOrdersRealCutOff_NotWhatTheAgentIsTold()
    {
        var truth = new ShiftTruth(ScenarioLoader.Load("bad-day"));

        var moved = truth.Orders.Where(o => o.RealCutOff != o.CutOff).ToList();

        Assert.NotEmpty(moved);
        Assert.All(moved, o => Assert.Equal("parcel-b", o.Carrier));
        Assert.All(moved, o => Assert.True(o.RealCutOff < o.CutOff));
    }

    [Fact]
    public void EveryColdLine_NeedsTheColdSkill_AndSomeoneStayingHoldsIt()
    {
        var truth = new ShiftTruth(ScenarioLoader.Load("normal"));

        Assert.All(truth.Orders.SelectMany(o => o.Lines).Where(l => l.AisleName == "H"), l => Assert.Equal("cold", l.Skill));
        Assert.Contains(truth.Pickers, p => p.Skills.Contains("cold") && p.LeavesAt is null);
    }

    [Fact]
    public void PickersLeaving_AreAsManyAsTheScenarioSays()
    {
        var scenario = ScenarioLoader.Load("bad-day");

        var truth = new ShiftTruth(scenario);

        Assert.Equal(scenario.Disruptions.Where(d => d.Kind == DisruptionKinds.PickerLeaves).Sum(d => d.Count), truth.Pickers.Count(p => p.LeavesAt is not null));
    }
}
