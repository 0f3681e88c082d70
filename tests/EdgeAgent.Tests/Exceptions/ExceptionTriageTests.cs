using PrinterFaults = EdgeAgent.Drivers.Printers.PrinterFaults;
using EdgeAgent.Events;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Tests.Exceptions;

public sealed class ExceptionTriageTests
{
    [Theory]
    [InlineData("conveyor.jam", "pe-3", "blocked since ...", ExceptionTypes.Jam, "maintenance", ExceptionSeverity.High)]
    [InlineData("door.open-too-long", "door-2", "open since ...", ExceptionTypes.DoorOpen, "warehouse", ExceptionSeverity.Medium)]
    [InlineData("printer.faulted", "pr-1", "PaperOut", ExceptionTypes.PaperOut, "warehouse", ExceptionSeverity.High)]
    [InlineData("printer.faulted", "pr-1", "HeadOpen", ExceptionTypes.HeadOpen, "maintenance", ExceptionSeverity.High)]
    [InlineData("printer.faulted", "pr-1", "RibbonOut", ExceptionTypes.RibbonOut, "warehouse", ExceptionSeverity.High)]
    [InlineData("label.failed", "pr-1", "TimedOut after 3 attempts", ExceptionTypes.LabelFailed, "warehouse", ExceptionSeverity.High)]
    [InlineData("carton.no-read", "scan-1", "NoRead: nothing decoded", ExceptionTypes.CartonNoRead, "warehouse", ExceptionSeverity.Low)]
    [InlineData("bridge.unreachable", "central", "not connected", ExceptionTypes.BridgeUnreachable, "maintenance", ExceptionSeverity.Critical)]
    [InlineData("scan.rejected", "hh-1", "WrongItem", ExceptionTypes.WrongItem, "inventory-control", ExceptionSeverity.Low)]
    public async Task ProblemEvent_IsClassified_AndRoutedToItsTeamsQueue(string eventType, string device, string detail, string type, string team, ExceptionSeverity severity)
    {
        await using var fx = new TriageFixture();

        await fx.RecordAsync(fx.Problem(eventType, device, detail, picker: "P1", task: "T-1"));

        var c = fx.Single();
        Assert.Equal((type, team, team, severity, ExceptionStatus.Open), (c.Type, c.Team, c.Queue, c.Severity, c.Status));
        Assert.Equal(fx.Time.GetUtcNow().UtcDateTime + fx.Options.Types[type].Sla, c.DueAt!.Value.ToUniversalTime());
        Assert.Single(fx.Events<ExceptionOpened>());
    }

    [Fact]
    public async Task PrinterFault_WithSeveralFaults_RaisesOnePerFault()
    {
        await using var fx = new TriageFixture();

        await fx.PrinterFaultAsync("pr-1", PrinterFaults.PaperOut | PrinterFaults.HeadOpen | PrinterFaults.Paused);

        Assert.Equal([ExceptionTypes.HeadOpen, ExceptionTypes.PaperOut], fx.Cases().Select(c => c.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RoutineEvents_RaiseNothing()
    {
        await using var fx = new TriageFixture();

        await fx.RecordAsync(fx.Problem("carton.detected", "pe-1"));
        await fx.RecordAsync(fx.Problem("scan.rejected", "hh-1", "QuantityOver", "P1", "T-1"));
        await fx.PrinterFaultAsync("pr-1", PrinterFaults.Paused);

        Assert.Empty(fx.Cases());
    }

    [Fact]
    public async Task TwoHundredJamEdges_AreOneException_With200Occurrences()
    {
        await using var fx = new TriageFixture();
        var first = fx.Time.GetUtcNow().UtcDateTime;

        for (var i = 0; i < 200; i++)
        {
            await fx.JamAsync("pe-3");
            fx.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var c = fx.Single();
        Assert.Equal(200, c.Occurrences);
        Assert.Equal(first, c.FirstSeen.ToUniversalTime());
        Assert.Equal(first.AddSeconds(199), c.LastSeen.ToUniversalTime());
        Assert.Equal($"jam at pe-3 since {first.AddSeconds(199):O}", c.LastDetail);
        Assert.Single(fx.Events<ExceptionOpened>());
    }

    [Fact]
    public async Task JamsOnDifferentSensors_AreSeparateExceptions()
    {
        await using var fx = new TriageFixture();

        await fx.JamAsync("pe-3");
        await fx.JamAsync("pe-4");
        await fx.JamAsync("pe-3");

        Assert.Equal([("pe-3", 2), ("pe-4", 1)], fx.Cases().Select(c => (c.Subject, c.Occurrences)).OrderBy(x => x.Subject, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("conveyor.jam", "conveyor.jam-cleared", "pe-3", null)]
    [InlineData("printer.faulted", "printer.recovered", "pr-1", null)]
    [InlineData("bridge.unreachable", "bridge.recovered", "central", null)]
    [InlineData("label.failed", "label.printed", "pr-1", "SSCC-1")]
    public async Task ClearingEvent_AutoResolvesTheException(string raise, string clear, string device, string? task)
    {
        await using var fx = new TriageFixture();
        await fx.RecordAsync(fx.Problem(raise, device, "PaperOut", task: task));
        fx.Time.Advance(TimeSpan.FromMinutes(2));

        await fx.RecordAsync(fx.Problem(clear, device, task: task));

        var c = fx.Single();
        Assert.Equal((ExceptionStatus.Resolved, ExceptionOptions.AutoCleared, null), (c.Status, c.ResolutionCode, c.OpenKey));
        Assert.Equal(120, Assert.Single(fx.Events<ExceptionResolved>()).ResolutionSeconds);
    }

    [Fact]
    public async Task JamAfterAClearedJam_OpensANewException()
    {
        await using var fx = new TriageFixture();
        await fx.JamAsync("pe-3");
        await fx.JamClearedAsync("pe-3");

        await fx.JamAsync("pe-3");

        Assert.Equal([ExceptionStatus.Resolved, ExceptionStatus.Open], fx.Cases().OrderBy(c => c.Id).Select(c => c.Status));
    }

    [Fact]
    public async Task StandaloneFloorCollections_RecordTheEvent_WithoutObservers()
    {
        await using var fx = new TriageFixture();

        await fx.Store.WriteAsync(db =>
        {
            new FloorCollections(db).Record(fx.Problem("conveyor.jam", "pe-3"));
            return 0;
        });

        Assert.Single(fx.Events<ConveyorJammed>());
        Assert.Empty(fx.Cases());
    }

    [Fact]
    public async Task WriteThatFails_AfterRecording_LeavesNeitherExceptionNorKpi()
    {
        await using var fx = new TriageFixture();

        await Assert.ThrowsAsync<InvalidOperationException>(() => fx.Store.WriteAsync<int>(db =>
        {
            var floor = new FloorCollections(db, fx.Journal);
            floor.Record(fx.Problem("conveyor.jam", "pe-3"));
            floor.Record(new DecisionRecorded { At = fx.Now, DeviceId = "governance", Action = "task.assign", Verdict = DecisionVerdict.Executed, AuditSeq = 1 });
            throw new InvalidOperationException("the change fails after recording");
        }));

        Assert.Empty(fx.Events<ConveyorJammed>());
        Assert.Empty(fx.Cases());
        Assert.Equal(0, fx.Kpis().AutomatedDecisions);
    }
}
