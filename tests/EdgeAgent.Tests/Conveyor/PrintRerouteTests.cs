using System.Net.Http.Json;
using EdgeAgent.Conveyor;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>
/// The printer group's failover as a governed <c>print.reroute</c>, through the running agent with two emulated
/// ZPL printers and a fixed scanner over MQTT: a printer faults with a label queued on it, and the move of that
/// label to the other printer is decided under the right, recorded with the fault that caused it.
/// </summary>
public sealed class PrintRerouteTests : IAsyncLifetime
{
    private const string SupervisorToken = "sup-token-print";
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _first = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private readonly ZplPrinterEmulator _second = new(new ZplPrinterEmulatorOptions { Name = "zebra-2" });
    private ConveyorAgent? _line;
    private ConveyorScanner? _scanner;

    public Task InitializeAsync()
    {
        _first.Start();
        _second.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_scanner is not null)
        {
            await _scanner.DisposeAsync();
        }

        if (_line is not null)
        {
            await _line.DisposeAsync();
        }

        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _guard.Dispose();
    }

    private RunningAgent Agent => _line!.Agent;

    private DurableStore Store => _line!.Store;

    [Fact]
    public async Task PaperOutWithALabelQueued_IsRerouted_Automated_WithTheFaultInTheRecord()
    {
        await StartAsync(rights: null);
        _first.PaperOut = true;

        var sscc = await ScanCartonAsync(1);

        await GovernedRecord.WaitUntilAsync(() => _second.LabelsPrinted == 1, _guard.Token);
        var decision = Assert.Single(GovernedRecord.Audit(Agent, ActionTypes.PrintReroute));
        Assert.Equal(("execute", "printer.faulted zebra-1: PaperOut"), (decision.Verdict, decision.Trigger));
        Assert.Contains("\"fromPrinter\":\"zebra-1\"", decision.Outcome, StringComparison.Ordinal);
        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.LabelRerouted>().Any(r => r.Sscc == sscc && r.ToPrinterId == "zebra-2")), _guard.Token);
        Assert.Equal(1, (await GovernedRecord.KpisAsync(Agent, ActionTypes.PrintReroute)).Count("automated"));
    }

    [Fact]
    public async Task UnderAnAssistedRight_TheLabelWaitsOnTheFaultedPrinter_UntilASupervisorApproves()
    {
        await StartAsync(rights: "Assisted");
        _first.HeadOpen = true;

        await ScanCartonAsync(2);
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(Agent, ActionTypes.PrintReroute).Count > 0, _guard.Token);
        var decision = GovernedRecord.Audit(Agent, ActionTypes.PrintReroute).Single();
        Assert.Equal("await-approval", decision.Verdict);
        Assert.Equal(0, _second.LabelsPrinted);

        using var approve = await Agent.SendAsync(HttpMethod.Post, $"/api/approvals/{decision.Seq}/approve", SupervisorToken);

        approve.EnsureSuccessStatusCode();
        await GovernedRecord.WaitUntilAsync(() => _second.LabelsPrinted == 1, _guard.Token);
        Assert.Contains(GovernedRecord.Audit(Agent, ActionTypes.PrintReroute), r => r.Actor == "sam" && r.Verdict == "approved");
        Assert.Equal(1, (await GovernedRecord.KpisAsync(Agent, ActionTypes.PrintReroute)).Count("approved"));
    }

    [Fact]
    public async Task PausedPrinter_IsAnUnsureFault_UnderTheThreshold_SoASupervisorDecides()
    {
        await StartAsync(rights: null);
        _first.Paused = true;

        await ScanCartonAsync(3);
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(Agent, ActionTypes.PrintReroute).Count > 0, _guard.Token);

        var decision = GovernedRecord.Audit(Agent, ActionTypes.PrintReroute).Single();
        Assert.Equal(("await-approval", 0.6), (decision.Verdict, decision.Confidence));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(Agent, ActionTypes.PrintReroute)).Count("lowConfidence"));
        Assert.Equal(0, _second.LabelsPrinted);
    }

    /// <summary>A carton whose label the agent knows passes the scanner; the label goes to zebra-1, the least busy printer named first.</summary>
    private async Task<string> ScanCartonAsync(int serial)
    {
        var sscc = LabelCodes.Sscc(0, "0614141", 2000 + serial);
        using (var response = await Agent.Http.PostAsJsonAsync("/api/cartons", new[] { new NewCartonLabel(sscc, "ACME Stores", ["1 Main St", "Springfield"], "SO-" + serial, "UPS") }))
        {
            response.EnsureSuccessStatusCode();
        }

        await _scanner!.ReadAsync(LabelCodes.SsccRead(sscc), _guard.Token);
        return sscc;
    }

    private async Task StartAsync(string? rights)
    {
        var settings = ConveyorAgent.Settings(ConveyorAgent.NewDataDirectory("reroute"), _first, _second);
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        // Idle printers are not polled: zebra-1's fault is found when the label is about to go to it.
        settings["Conveyor:PrinterPollMs"] = "60000";
        ConveyorAgent.AddDevice(settings, "sc-1", "scanner");
        if (rights is not null)
        {
            settings["Governance:Rights:print.reroute:Mode"] = rights;
        }

        _line = await ConveyorAgent.StartAsync(settings);
        _scanner = await _line.ConnectScannerAsync("sc-1", _guard.Token);
        // Both printers answered their first status: the fault a test sets next is found with a label queued.
        await GovernedRecord.WaitUntilAsync(() => _line.Line.Snapshot() is { } s && s.Printers.All(p => p.Healthy == true), _guard.Token);
    }
}
