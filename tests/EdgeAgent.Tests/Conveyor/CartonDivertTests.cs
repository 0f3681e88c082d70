using System.Device.Gpio;
using System.Globalization;
using System.Net.Http.Json;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Sensors;
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
/// <c>carton.divert</c> through the running agent: a fixed scanner reads each carton's SSCC over MQTT, and the
/// sorter's actuators are outputs on the simulated GPIO rig. A carton goes to its carrier's lane, or to the reject
/// lane (no read, wrong lane) with the stack light amber; under an assisted right it waits in the reject lane.
/// </summary>
public sealed class CartonDivertTests : IAsyncLifetime
{
    private const int UpsPin = 20;
    private const int RejectPin = 21;
    private const string SupervisorToken = "sup-token-divert";
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private RunningAgent? _agent;
    private ConveyorScanner? _scanner;

    public Task InitializeAsync()
    {
        _printer.Start();
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

        await _printer.DisposeAsync();
        _guard.Dispose();
    }

    private DurableStore Store => _agent!.Services.GetRequiredService<DurableStore>();

    private SimulatedGpioDriver Chip => _agent!.Services.GetRequiredService<SimulatedGpioDriver>();

    private ConveyorLine Line => _agent!.Services.GetRequiredService<ConveyorLine>();

    [Fact]
    public async Task KnownCarton_GoesToItsCarriersLane_Automated_AuditedAndCounted()
    {
        await StartAsync(mode: null);
        var sscc = await ReleaseAsync(1, "UPS");

        await _scanner!.ReadAsync(LabelCodes.SsccRead(sscc), _guard.Token);

        var diverted = await DivertedAsync(sscc);
        Assert.Equal(("lane-ups", "sorted", "system"), (diverted.Lane, diverted.Reason, diverted.Actor));
        await GovernedRecord.WaitUntilAsync(() => Chip.ReadOutput(UpsPin) == PinValue.High, _guard.Token);
        Assert.Equal(PinValue.Low, Chip.ReadOutput(RejectPin));
        Assert.Equal(StackLightSignal.Normal, Line.DivertLightSignal);
        var decision = Assert.Single(GovernedRecord.Audit(_agent!, ActionTypes.CartonDivert));
        Assert.Equal(("execute", diverted.DecisionSeq), (decision.Verdict, decision.Seq));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.CartonDivert)).Count("automated"));
    }

    [Fact]
    public async Task NoReadAndACarrierWithoutALane_GoToTheRejectLane_WithTheLightAmber()
    {
        await StartAsync(mode: null);
        var dhl = await ReleaseAsync(2, "DHL");

        await _scanner!.ReadAsync("]C100123456789012345678", _guard.Token);
        await _scanner.ReadAsync(LabelCodes.SsccRead(dhl), _guard.Token);

        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().Count) == 2, _guard.Token);
        var diverted = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().ToList());
        // The two reads are handled concurrently: which is recorded first is not part of the contract.
        Assert.Equal([("reject", "no-read"), ("reject", "wrong-lane")], diverted.Select(d => (d.Lane, d.Reason)).Order());
        await GovernedRecord.WaitUntilAsync(() => Chip.ReadOutput(RejectPin) == PinValue.High, _guard.Token);
        Assert.Equal(StackLightSignal.Warning, Line.DivertLightSignal);
    }

    [Fact]
    public async Task UnderAnAssistedRight_TheCartonWaitsInTheRejectLane_AndTheSupervisorsApprovalIsRecorded()
    {
        await StartAsync(mode: "Assisted");
        var sscc = await ReleaseAsync(3, "UPS");

        await _scanner!.ReadAsync(LabelCodes.SsccRead(sscc), _guard.Token);

        var held = await DivertedAsync(sscc);
        Assert.Equal(("reject", "awaiting-decision"), (held.Lane, held.Reason));
        using var approve = await _agent!.SendAsync(HttpMethod.Post, $"/api/approvals/{held.DecisionSeq}/approve", SupervisorToken);
        approve.EnsureSuccessStatusCode();
        var routed = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().Single(d => d.Actor == "sam"));
        Assert.Equal(("lane-ups", "sorted"), (routed.Lane, routed.Reason));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.CartonDivert)).Count("approved"));
    }

    private async Task<Floor.CartonDiverted> DivertedAsync(string sscc)
    {
        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().Any(d => d.Sscc == sscc)), _guard.Token);
        return Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().First(d => d.Sscc == sscc));
    }

    private async Task<string> ReleaseAsync(int serial, string carrier)
    {
        var sscc = LabelCodes.Sscc(0, "0614141", 3000 + serial);
        using var response = await _agent!.Http.PostAsJsonAsync("/api/cartons", new[] { new NewCartonLabel(sscc, "ACME Stores", ["1 Main St", "Springfield"], "SO-" + serial, carrier) });
        response.EnsureSuccessStatusCode();
        return sscc;
    }

    private async Task StartAsync(string? mode)
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-divert-").FullName);
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        settings["Conveyor:Printers:0:Id"] = "zebra-1";
        settings["Conveyor:Printers:0:Host"] = "127.0.0.1";
        settings["Conveyor:Printers:0:Port"] = _printer.Port.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:StackLights:0:Name"] = "sorter";
        settings["Conveyor:PinMap:StackLights:0:RedPin"] = "22";
        settings["Conveyor:PinMap:StackLights:0:AmberPin"] = "23";
        settings["Conveyor:PinMap:StackLights:0:GreenPin"] = "24";
        settings["Conveyor:Divert:Lanes:0:Name"] = "lane-ups";
        settings["Conveyor:Divert:Lanes:0:Pin"] = UpsPin.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:Divert:Lanes:0:Carriers:0"] = "UPS";
        settings["Conveyor:Divert:Reject:Name"] = "reject";
        settings["Conveyor:Divert:Reject:Pin"] = RejectPin.ToString(CultureInfo.InvariantCulture);
        // Held long enough for the test to see the actuator's output high.
        settings["Conveyor:Divert:PulseMs"] = "5000";
        settings["Conveyor:Divert:Light"] = "sorter";
        settings["Broker:Clients:sc-1:Kind"] = "scanner";
        settings["Broker:Clients:sc-1:PasswordHash"] = PasswordHash.Create("pw-sc-1", PasswordHash.MinimumIterations);
        if (mode is not null)
        {
            settings["Governance:Rights:carton.divert:Mode"] = mode;
        }

        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        _scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = _agent.BrokerPort, DeviceId = "sc-1", Password = "pw-sc-1" });
        await _scanner.ConnectAsync(_guard.Token);
        await GovernedRecord.WaitUntilAsync(() => Line.ScannersConnected, _guard.Token);
    }
}
