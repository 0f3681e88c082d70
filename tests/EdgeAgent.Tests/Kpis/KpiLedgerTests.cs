using PrinterFaults = EdgeAgent.Drivers.Printers.PrinterFaults;
using EdgeAgent.Events;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Fulfilment;
using EdgeAgent.Kpis;
using EdgeAgent.Planning;
using EdgeAgent.Tests.Exceptions;

namespace EdgeAgent.Tests.Kpis;

/// <summary>Every KPI from one known sequence of floor events, against values worked out by hand (see Kpis/README.md).</summary>
public sealed class KpiLedgerTests
{
    [Fact]
    public async Task KnownSequence_GivesTheHandComputedKpis()
    {
        await using var fx = new TriageFixture();
        await PlayAsync(fx);

        AssertHandComputed(fx.Kpis());
    }

    [Fact]
    public async Task Kpis_SurviveARestart()
    {
        await using var fx = new TriageFixture();
        await PlayAsync(fx);

        await fx.ReopenAsync();

        AssertHandComputed(fx.Kpis());
    }

    [Fact]
    public async Task AutoClearedExceptions_AreNotManualTouches()
    {
        await using var fx = new TriageFixture();
        await fx.JamAsync("pe-1");

        await fx.JamClearedAsync("pe-1");

        Assert.Equal(0, fx.Kpis().ManualTouches);
        Assert.Empty(fx.Kpis().ExceptionResolution);
    }

    private static void AssertHandComputed(KpiReport k)
    {
        // Touches: short-pick 1, override 1, approvals 2 (timed-out is not a touch), recommended 1, resolutions 2.
        Assert.Equal(7, k.ManualTouches);
        Assert.Equal(new Dictionary<string, long>
        {
            ["approval"] = 2, ["exception-resolution"] = 2, ["override"] = 1, ["recommended-executed"] = 1, ["short-pick"] = 1,
        }, k.ManualTouchesByKind);
        Assert.Equal(4, k.TouchesAvoided);

        // Jam resolved 120 s after it opened (maintenance), paper-out 600 s (warehouse); the short pick is still open.
        Assert.Equal(new ResolutionTimes(1, 120, 120), k.ExceptionResolution["maintenance"]);
        Assert.Equal(new ResolutionTimes(1, 600, 600), k.ExceptionResolution["warehouse"]);
        Assert.Equal(2, k.ExceptionResolution.Count);

        // O2 released 08:00, last line 08:05, cut-off 08:04 (late, filled); O1 released 08:00, last line 08:25, cut-off 09:00 (on time, one line short).
        Assert.Equal(2, k.OrdersCompleted);
        Assert.Equal(900, k.OrderCycleMeanSeconds);
        Assert.Equal(1500, k.OrderCycleP90Seconds);
        Assert.Equal((1, 0.5), (k.OrdersOnTime, k.OnTimeRate));
        Assert.Equal(8.0 / 9, k.UnitFillRate);
        Assert.Equal(2.0 / 3, k.LineFillRate);
        Assert.Equal(0.5, k.OrderFillRate);

        // Decisions: 4 automated (2 by the fallback, 1 low-confidence), 1 assisted (low-confidence), 1 recommended.
        Assert.Equal((6L, 4L), (k.Decisions, k.AutomatedDecisions));
        Assert.Equal((1L, 0.25), (k.Overrides, k.OverrideRate));
        Assert.Equal((2L, 2.0 / 6), (k.LowConfidenceDecisions, k.LowConfidenceShare));
        Assert.Equal((2L, 0.5), (k.FallbackDecisions, k.FallbackRate));
    }

    private static async Task PlayAsync(TriageFixture fx)
    {
        var t0 = fx.Time.GetUtcNow();
        var workflow = new PickWorkflow(new HandheldRegistry(["hh-1"]), fx.Time, new TaskAssigner(new PickerOptions(), new PlanBoard()), fx.Journal);
        long seq = 0;
        Task Send(HandheldMessageType type, string? picker = null, string? code = null, int? qty = null) =>
            fx.Store.WriteAsync(db => workflow.Handle(db, new HandheldMessage { DeviceId = "hh-1", Seq = ++seq, Type = type, Picker = picker, Code = code, Qty = qty }));
        async Task At(int minutes) => fx.Time.Advance(t0.AddMinutes(minutes) - fx.Time.GetUtcNow());

        await fx.Store.WriteAsync(db => TaskIntake.AddNew(
            db,
            [
                new NewPickTask("T-3", "A-02-1", "SKU-3", 4, t0.AddMinutes(4), OrderId: "O2"),
                new NewPickTask("T-1", "A-01-1", "SKU-1", 2, t0.AddMinutes(60), OrderId: "O1"),
                new NewPickTask("T-2", "A-01-2", "SKU-2", 3, t0.AddMinutes(60), OrderId: "O1"),
            ],
            t0.UtcDateTime,
            fx.Journal));
        await Send(HandheldMessageType.Login, picker: "P1");

        await At(1);
        await fx.JamAsync("pe-1");
        await At(2);
        await fx.PrinterFaultAsync("pr-1", PrinterFaults.PaperOut);
        await At(3);
        await fx.Desk.ResolveAsync(Case(fx, "sensor.jam"), "fixed", null, "ana", CancellationToken.None);

        await At(5);
        await Send(HandheldMessageType.Scan, code: "A-02-1");
        await Send(HandheldMessageType.Scan, code: "SKU-3");
        await Send(HandheldMessageType.Confirm, qty: 4);

        await At(12);
        await fx.Desk.ResolveAsync(Case(fx, "printer.paper-out"), "replenished", null, "bo", CancellationToken.None);

        await At(15);
        await Send(HandheldMessageType.Scan, code: "A-01-1");
        await Send(HandheldMessageType.Short, qty: 1);

        await At(25);
        await Send(HandheldMessageType.Scan, code: "A-01-2");
        await Send(HandheldMessageType.Scan, code: "SKU-2");
        await Send(HandheldMessageType.Confirm, qty: 3);

        FloorEvent[] governance =
        [
            Decided("task.assign", DecisionVerdict.Executed, confidence: 0.91, zone: "A"),
            Decided("task.assign", DecisionVerdict.Executed, confidence: 0.41, lowConfidence: true),
            Decided("task.assign", DecisionVerdict.Executed, fallback: true),
            Decided("task.assign", DecisionVerdict.Executed, fallback: true),
            Decided("task.reassign", DecisionVerdict.AwaitingApproval, confidence: 0.52, lowConfidence: true),
            Decided("wave.split", DecisionVerdict.RecommendedOnly, confidence: 0.8),
            new DecisionOverridden { At = fx.Now, DeviceId = "governance", Action = "task.assign", DecisionSeq = 1, Actor = "sam", AuditSeq = 2 },
            Approval(ApprovalOutcome.Approved),
            Approval(ApprovalOutcome.Rejected),
            Approval(ApprovalOutcome.TimedOut),
        ];
        foreach (var floorEvent in governance)
        {
            await fx.RecordAsync(floorEvent);
        }

        DecisionRecorded Decided(string action, DecisionVerdict verdict, double? confidence = null, bool lowConfidence = false, bool fallback = false, string? zone = null) =>
            new() { At = fx.Now, DeviceId = "governance", Action = action, Verdict = verdict, Confidence = confidence, LowConfidence = lowConfidence, Fallback = fallback, Zone = zone, AuditSeq = 1 };

        ApprovalDecided Approval(ApprovalOutcome outcome) =>
            new() { At = fx.Now, DeviceId = "governance", Action = "task.reassign", Outcome = outcome, DecisionSeq = 5, Actor = "sam", AuditSeq = 3 };
    }

    private static long Case(TriageFixture fx, string type) => fx.Cases().Single(c => c.Type == type).Id;
}
