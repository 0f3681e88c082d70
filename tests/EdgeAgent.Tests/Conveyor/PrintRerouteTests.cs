using System.Globalization;
using System.Net.Http.Json;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
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
    private RunningAgent? _agent;
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

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _guard.Dispose();
    }

    private DurableStore Store => _agent!.Services.GetRequiredService<DurableStore>();

    [Fact]
    public async Task PaperOutWithALabelQueued_IsRerouted_Automated_WithTheFaultInTheRecord()
    {
        await StartAsync(rights: null);
        _first.PaperOut = true;

        var sscc = await ScanCartonAsync(1);

        await GovernedRecord.WaitUntilAsync(() => _second.LabelsPrinted == 1, _guard.Token);
        var decision = Assert.Single(GovernedRecord.Audit(_agent!, ActionTypes.PrintReroute));
        Assert.Equal(("execute", "printer.faulted zebra-1: PaperOut"), (decision.Verdict, decision.Trigger));
        Assert.Contains("\"fromPrinter\":\"zebra-1\"", decision.Outcome, StringComparison.Ordinal);
        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.LabelRerouted>().Any(r => r.Sscc == sscc && r.ToPrinterId == "zebra-2")), _guard.Token);
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.PrintReroute)).Count("automated"));
    }

    [Fact]
    public async Task UnderAnAssistedRight_TheLabelWaitsOnTheFaultedPrinter_UntilASupervisorApproves()
    {
        await StartAsync(rights: "Assisted");
        _first.HeadOpen = true;

        await ScanCartonAsync(2);
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(_agent!, ActionTypes.PrintReroute).Count > 0, _guard.Token);
        var decision = GovernedRecord.Audit(_agent!, ActionTypes.PrintReroute).Single();
        Assert.Equal("await-approval", decision.Verdict);
        Assert.Equal(0, _second.LabelsPrinted);

        using var approve = await _agent!.SendAsync(HttpMethod.Post, $"/api/approvals/{decision.Seq}/approve", SupervisorToken);

        approve.EnsureSuccessStatusCode();
        await GovernedRecord.WaitUntilAsync(() => _second.LabelsPrinted == 1, _guard.Token);
        Assert.Contains(GovernedRecord.Audit(_agent!, ActionTypes.PrintReroute), r => r.Actor == "sam" && r.Verdict == "approved");
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.PrintReroute)).Count("approved"));
    }

    [Fact]
    public async Task PausedPrinter_IsAnUnsureFault_UnderTheThreshold_SoASupervisorDecides()
    {
        await StartAsync(rights: null);
        _first.Paused = true;

        await ScanCartonAsync(3);
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(_agent!, ActionTypes.PrintReroute).Count > 0, _guard.Token);

        var decision = GovernedRecord.Audit(_agent!, ActionTypes.PrintReroute).Single();
        Assert.Equal(("await-approval", 0.6), (decision.Verdict, decision.Confidence));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.PrintReroute)).Count("lowConfidence"));
        Assert.Equal(0, _second.LabelsPrinted);
    }

    /// <summary>A carton whose label the agent knows passes the scanner; the label goes to zebra-1, the least busy printer named first.</summary>
    private async Task<string> ScanCartonAsync(int serial)
    {
        var sscc = LabelCodes.Sscc(0, "0614141", 2000 + serial);
        using (var response = await _agent!.Http.PostAsJsonAsync("/api/cartons", new[] { new NewCartonLabel(sscc, "ACME Stores", ["1 Main St", "Springfield"], "SO-" + serial, "UPS") }))
        {
            response.EnsureSuccessStatusCode();
        }

        await _scanner!.ReadAsync(LabelCodes.SsccRead(sscc), _guard.Token);
        return sscc;
    }

    private async Task StartAsync(string? rights)
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-reroute-").FullName);
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        // Idle printers are not polled: zebra-1's fault is found when the label is about to go to it.
        settings["Conveyor:PrinterPollMs"] = "60000";
        settings["Conveyor:Printers:0:Id"] = "zebra-1";
        settings["Conveyor:Printers:0:Host"] = "127.0.0.1";
        settings["Conveyor:Printers:0:Port"] = _first.Port.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:Printers:1:Id"] = "zebra-2";
        settings["Conveyor:Printers:1:Host"] = "127.0.0.1";
        settings["Conveyor:Printers:1:Port"] = _second.Port.ToString(CultureInfo.InvariantCulture);
        settings["Broker:Clients:sc-1:Kind"] = "scanner";
        settings["Broker:Clients:sc-1:PasswordHash"] = PasswordHash.Create("pw-sc-1", PasswordHash.MinimumIterations);
        if (rights is not null)
        {
            settings["Governance:Rights:print.reroute:Mode"] = rights;
        }

        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        _scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = _agent.BrokerPort, DeviceId = "sc-1", Password = "pw-sc-1" });
        await _scanner.ConnectAsync(_guard.Token);
        var line = _agent.Services.GetRequiredService<ConveyorLine>();
        await GovernedRecord.WaitUntilAsync(() => line.ScannersConnected, _guard.Token);
        // Both printers answered their first status: the fault a test sets next is found with a label queued.
        await GovernedRecord.WaitUntilAsync(() => line.Snapshot() is { } s && s.Printers.All(p => p.Healthy == true), _guard.Token);
    }
}
