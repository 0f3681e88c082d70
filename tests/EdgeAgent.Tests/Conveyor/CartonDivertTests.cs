using System.Device.Gpio;
using System.Globalization;
using System.Net.Http.Json;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using MQTTnet;
using MQTTnet.Protocol;
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
    private ConveyorAgent? _line;
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

        if (_line is not null)
        {
            await _line.DisposeAsync();
        }

        await _printer.DisposeAsync();
        _guard.Dispose();
    }

    private RunningAgent Agent => _line!.Agent;

    private DurableStore Store => _line!.Store;

    private SimulatedGpioDriver Chip => _line!.Chip;

    private ConveyorLine Line => _line!.Line;

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
        var decision = Assert.Single(GovernedRecord.Audit(Agent, ActionTypes.CartonDivert));
        Assert.Equal(("execute", diverted.DecisionSeq), (decision.Verdict, decision.Seq));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(Agent, ActionTypes.CartonDivert)).Count("automated"));
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
        using var approve = await Agent.SendAsync(HttpMethod.Post, $"/api/approvals/{held.DecisionSeq}/approve", SupervisorToken);
        approve.EnsureSuccessStatusCode();
        var routed = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().Single(d => d.Actor == "sam"));
        Assert.Equal(("lane-ups", "sorted"), (routed.Lane, routed.Reason));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(Agent, ActionTypes.CartonDivert)).Count("approved"));
    }

    [Fact]
    public async Task ACartonWeighingOutsideTheTolerance_GoesToTheRejectLane_AsAWeightMismatch()
    {
        await StartAsync(mode: null);
        var sscc = await ReleaseAsync(4, "UPS", weightKg: 5.0);

        // (3102) 000750: the scale in the scanning tunnel weighed 7.50 kg; the label expects 5.0 ± 0.2.
        await _scanner!.ReadAsync(LabelCodes.SsccRead(sscc) + "3102000750", _guard.Token);

        var diverted = await DivertedAsync(sscc);
        Assert.Equal(("reject", "weight-mismatch"), (diverted.Lane, diverted.Reason));
        await GovernedRecord.WaitUntilAsync(() => Chip.ReadOutput(RejectPin) == PinValue.High, _guard.Token);
        Assert.Equal(PinValue.Low, Chip.ReadOutput(UpsPin));
        var decision = Assert.Single(GovernedRecord.Audit(Agent, ActionTypes.CartonDivert));
        Assert.Contains("weighed 7.5", decision.Inputs, StringComparison.Ordinal);
        Assert.Contains("expected 5 kg", decision.Inputs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACartonWhoseLabelNamesAnotherOrder_GoesToTheRejectLane_AsALabelMismatch()
    {
        await StartAsync(mode: null);
        var sscc = await ReleaseAsync(5, "UPS");

        // (400) is the customer order on the carton's label: SO-9 where the SSCC was released for SO-5.
        await _scanner!.ReadAsync(LabelCodes.SsccRead(sscc) + "400SO-9", _guard.Token);

        var diverted = await DivertedAsync(sscc);
        Assert.Equal(("reject", "label-mismatch"), (diverted.Lane, diverted.Reason));
        await GovernedRecord.WaitUntilAsync(() => Chip.ReadOutput(RejectPin) == PinValue.High, _guard.Token);
        Assert.Equal(StackLightSignal.Warning, Line.DivertLightSignal);
    }

    [Fact]
    public async Task ALaneDrivenByAPlc_GetsTheTypedDivertCommandOverMqtt_AtQos1()
    {
        await StartAsync(mode: null, settings =>
        {
            settings.Remove("Conveyor:Divert:Lanes:0:Pin");
            settings["Conveyor:Divert:Lanes:0:Plc"] = "plc-1";
            settings["Conveyor:Divert:Lanes:0:PlcTag"] = "Sorter.Lane1.Divert";
            ConveyorAgent.AddDevice(settings, "plc-1", "plc");
        });
        await GovernedRecord.WaitUntilAsync(() => Line.PlcConnected, _guard.Token);
        var commands = System.Threading.Channels.Channel.CreateUnbounded<(string Topic, MqttQualityOfServiceLevel Qos, string Json)>();
        using var plc = new MqttClientFactory().CreateMqttClient();
        plc.ApplicationMessageReceivedAsync += e =>
        {
            commands.Writer.TryWrite((e.ApplicationMessage.Topic, e.ApplicationMessage.QualityOfServiceLevel, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        await plc.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Agent.BrokerPort).WithClientId("plc-1").WithCredentials("plc-1", ConveyorAgent.DevicePassword("plc-1")).Build(), _guard.Token);
        var subscribed = await plc.SubscribeAsync("dc/site1/plc/plc-1/divert", MqttQualityOfServiceLevel.AtLeastOnce, _guard.Token);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.Single().ResultCode);
        var sscc = await ReleaseAsync(6, "UPS");

        var seq = await _scanner!.ReadAsync(LabelCodes.SsccRead(sscc), _guard.Token);

        var (topic, qos, json) = await commands.Reader.ReadAsync(_guard.Token);
        var diverted = await DivertedAsync(sscc);
        using var command = System.Text.Json.JsonDocument.Parse(json);
        var c = command.RootElement;
        Assert.Equal(("dc/site1/plc/plc-1/divert", MqttQualityOfServiceLevel.AtLeastOnce), (topic, qos));
        Assert.Equal(
            (1, "Sorter.Lane1.Divert", "lane-ups", sscc, "sorted", diverted.DecisionSeq, "sc-1", seq),
            (c.GetProperty("v").GetInt32(), c.GetProperty("tag").GetString(), c.GetProperty("lane").GetString(), c.GetProperty("sscc").GetString(), c.GetProperty("reason").GetString(), c.GetProperty("decision").GetInt64(), c.GetProperty("scanner").GetString(), c.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task ALaneWithNeitherAPinNorAPlc_IsRefusedAtStart_NamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(mode: null, settings =>
        {
            settings.Remove("Conveyor:Divert:Lanes:0:Pin");
            settings["Conveyor:Divert:Reject:Plc"] = "plc-1";
        }));

        Assert.Contains("Conveyor:Divert:Lanes:0 needs a Pin", error.Message, StringComparison.Ordinal);
        Assert.Contains("Conveyor:Divert:Reject:PlcTag is required", error.Message, StringComparison.Ordinal);
    }

    private async Task<Floor.CartonDiverted> DivertedAsync(string sscc)
    {
        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().Any(d => d.Sscc == sscc)), _guard.Token);
        return Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDiverted>().First(d => d.Sscc == sscc));
    }

    private async Task<string> ReleaseAsync(int serial, string carrier, double? weightKg = null)
    {
        var sscc = LabelCodes.Sscc(0, "0614141", 3000 + serial);
        using var response = await Agent.Http.PostAsJsonAsync("/api/cartons", new[] { new NewCartonLabel(sscc, "ACME Stores", ["1 Main St", "Springfield"], "SO-" + serial, carrier, weightKg) });
        response.EnsureSuccessStatusCode();
        return sscc;
    }

    private async Task StartAsync(string? mode, Action<Dictionary<string, string>>? configure = null)
    {
        var settings = ConveyorAgent.Settings(ConveyorAgent.NewDataDirectory("divert"), _printer);
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
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
        ConveyorAgent.AddDevice(settings, "sc-1", "scanner");
        if (mode is not null)
        {
            settings["Governance:Rights:carton.divert:Mode"] = mode;
        }

        configure?.Invoke(settings);
        _line = await ConveyorAgent.StartAsync(settings);
        _scanner = await _line.ConnectScannerAsync("sc-1", _guard.Token);
    }
}
