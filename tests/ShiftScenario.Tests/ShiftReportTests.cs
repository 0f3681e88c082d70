using EdgeAgent.ShiftScenario;
using EdgeAgent.ShiftScenario.Report;
using EdgeAgent.ShiftScenario.Running;
using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Truth;

namespace ShiftScenario.Tests;

public class ShiftReportTests
{
    private static readonly OrderOutcome[] Orders =
    [
        new("o1", "premium", OnTime: true, InFull: true),
        new("o2", "premium", OnTime: false, InFull: true),
        new("o3", "standard", OnTime: true, InFull: false),
        new("o4", "standard", OnTime: true, InFull: true),
    ];

    [Fact]
    public void OnTime_IsTheShareOfJudgedOrders_AndInFullAlsoNeedsNoShortLine()
    {
        Assert.Equal(0.75, ShiftReport.OnTime(Orders));
        Assert.Equal(0.5, ShiftReport.OnTimeInFull(Orders));
        Assert.Null(ShiftReport.OnTime([]));
    }

    [Fact]
    public void OnTimeByTier_SplitsByCustomerTier()
    {
        var byTier = ShiftReport.OnTimeByTier(Orders);

        Assert.Equal(0.5, byTier["premium"]);
        Assert.Equal(1.0, byTier["standard"]);
    }

    [Fact]
    public void LinesPerPickerHour_AndMetresPerLine_DivideByTheRightThing()
    {
        var r = Result("Models", Orders, lines: 300, metres: 4500, hours: 6);

        Assert.Equal(50, ShiftReport.LinesPerPickerHour(r));
        Assert.Equal(15, ShiftReport.MetresPerLine(r));
        Assert.Null(ShiftReport.LinesPerPickerHour(Result("Static", Orders, lines: 3, metres: 1, hours: 0)));
    }

    [Fact]
    public void Points_IsTheDifferenceInPercentagePoints()
    {
        Assert.Equal(12.5, ShiftReport.Points(0.875, 0.75)!.Value, 9);
        Assert.Null(ShiftReport.Points(null, 0.5));
    }

    [Fact]
    public void Findings_SayWhereTheAgentLoses_WithTheNumbers()
    {
        var scenario = ScenarioLoader.Compress(ScenarioLoader.Load("normal"));
        var worse = new OrderOutcome[] { new("o1", "premium", false, true), new("o2", "premium", true, true) };
        var run = new ScenarioRun(scenario, new ShiftTruth(scenario), [Result("Static", Orders, 100, 1000, 2), Result("Models", worse, 100, 800, 2)]);

        var text = ShiftReport.Findings(run);

        Assert.Contains("The agent loses to static on time to cut-off (-25.0 points)", text, StringComparison.Ordinal);
        Assert.Contains("-2.0 m walked per line", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_JudgesOnlyOrdersPastTheirRealCutOff_AndCountsShortLinesAsNotInFull()
    {
        var scenario = ScenarioLoader.Compress(ScenarioLoader.Load("normal"));
        var truth = new ShiftTruth(scenario);
        var ledger = new FloorLedger(truth);
        var order = truth.Orders.First(o => o.Lines.Count >= 2);
        foreach (var (line, i) in order.Lines.Select((l, i) => (l, i)))
        {
            ledger.Done(line.TaskId, order.RealCutOff - TimeSpan.FromMinutes(1), isShort: i == 0, metres: 10, picker: "P-001");
        }

        var before = ledger.OrderOutcomes(order.RealCutOff - TimeSpan.FromSeconds(1));
        var after = ledger.OrderOutcomes(order.RealCutOff);

        Assert.DoesNotContain(before, o => o.Id == order.Id);
        var judged = Assert.Single(after, o => o.Id == order.Id);
        Assert.True(judged.OnTime);
        Assert.False(judged.InFull);
        Assert.Equal(10 * order.Lines.Count, ledger.Metres);
    }

    [Fact]
    public void Ledger_CountsALineOnce_EvenWhenReportedTwice()
    {
        var truth = new ShiftTruth(ScenarioLoader.Compress(ScenarioLoader.Load("normal")));
        var ledger = new FloorLedger(truth);
        var line = truth.Orders[0].Lines[0];

        ledger.Done(line.TaskId, TimeSpan.FromMinutes(3), false, 12, "P-001");
        ledger.Done(line.TaskId, TimeSpan.FromMinutes(4), false, 12, "P-001");

        Assert.Equal(1, ledger.LinesDone);
        Assert.Equal(12, ledger.Metres);
    }

    [Fact]
    public void Options_ReadPoliciesAndForms_AndRefuseUnknownOnes()
    {
        var o = ShiftOptions.Parse(["--scenario", "bad-day", "--policy", "rules", "--quick", "--out", "x.md"]);

        Assert.Equal(["bad-day"], o.Scenarios);
        Assert.Equal([EdgeAgent.Planning.PlanningPolicy.Rules], o.Policies);
        Assert.True(o.Quick);
        Assert.Throws<ArgumentException>(() => ShiftOptions.Parse(["--policy", "magic"]));
        Assert.Throws<ArgumentException>(() => ShiftOptions.Parse(["--fast"]));
    }

    private static PolicyResult Result(string policy, IReadOnlyList<OrderOutcome> orders, int lines, double metres, double hours) => new()
    {
        Policy = policy,
        Orders = orders,
        LinesReleased = lines,
        LinesDone = lines,
        ShortLines = 0,
        TravelMetres = metres,
        PickerHours = hours,
        StalledPicks = 0,
        WrongScans = 0,
        Samples = [],
        Agent = new AgentFigures(),
    };
}
