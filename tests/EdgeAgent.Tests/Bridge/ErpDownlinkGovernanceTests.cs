using System.Globalization;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using ErpSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Bridge;

/// <summary>
/// The ERP simulator's commands through a real central ingress and the agent's downlink: task releases carry the
/// item data a handheld's GS1 scan is checked against, and holds are <c>order.hold</c> decisions through the gate.
/// </summary>
public sealed class ErpDownlinkGovernanceTests : IAsyncLifetime
{
    private const string SupervisorToken = "sup-token-erp";
    private readonly string _central = Directory.CreateTempSubdirectory("edgeagent-central-").FullName;
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private WebApplication _ingress = null!;
    private RunningAgent? _agent;
    private Grpc.Net.Client.GrpcChannel _channel = null!;
    private CentralAdmin.CentralAdminClient _admin = null!;
    private readonly Grpc.Core.Metadata _headers = new() { { "authorization", "Bearer admin-token" } };

    public async Task InitializeAsync()
    {
        _ingress = IngressApp.Build(
        [
            "--Ingress:Port=0",
            $"--Ingress:DataDirectory={_central}",
            "--Ingress:Gateways:gw1:Token=test-token",
            "--Ingress:AdminToken=admin-token",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _ingress.StartAsync();
        _channel = Grpc.Net.Client.GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{IngressApp.BoundPort(_ingress)}"));
        _admin = new CentralAdmin.CentralAdminClient(_channel);
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        _channel.Dispose();
        await _ingress.StopAsync();
        await _ingress.DisposeAsync();
        Directory.Delete(_central, recursive: true);
        _guard.Dispose();
    }

    private DurableStore Store => _agent!.Services.GetRequiredService<DurableStore>();

    [Fact]
    public async Task TaskReleasedWithItemData_ChecksTheHandheldsGs1ScanAgainstTheErpsGtin()
    {
        await StartAgentAsync(holdMode: null);
        var sku = 42;
        await _admin.AppendCommandAsync(ErpCommands.Release("gw1", ErpCommands.WaveTask("T-E1", "SO-E1", sku, "A-01-1", 1, 3, DateTimeOffset.UtcNow.AddHours(1))), _headers);
        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Tasks.FindById("T-E1")) is not null, _guard.Token);
        Assert.Equal([ErpCommands.GtinFor(sku)], Store.Read(db => new FloorCollections(db).Tasks.FindById("T-E1")).Gtins);
        await using var handheld = await ConnectAsync("hh-1");
        await handheld.SendAsync(HandheldBodies.Login("P-1"), _guard.Token);
        await handheld.SendAsync(HandheldBodies.Scan("A-01-1"), _guard.Token);

        var wrong = await handheld.SendAsync(HandheldBodies.Scan("]C101" + ErpCommands.GtinFor(sku + 1)), _guard.Token);
        var right = await handheld.SendAsync(HandheldBodies.Scan("]C101" + ErpCommands.GtinFor(sku)), _guard.Token);

        Assert.Equal(("error", "wrong-item"), (wrong.Kind, wrong.Error));
        Assert.Contains(ErpCommands.GtinFor(sku + 1), wrong.Text, StringComparison.Ordinal);
        Assert.Equal("enter-quantity", right.Kind);
    }

    [Fact]
    public async Task ErpHold_UnderAnAutomatedRight_IsDecidedByTheGate_AppliedAtOnce_AuditedAndCounted()
    {
        await StartAgentAsync(holdMode: "Automated");
        await _agent!.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 1, null, OrderId: "SO-1"));

        await _admin.AppendCommandAsync(ErpCommands.Hold("gw1", "H-1", "SO-1", hold: true, "payment check", approvedBy: "credit.dana", confidence: 0.95), _headers);

        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Holds.FindById("SO-1")) is not null, _guard.Token);
        var decision = Assert.Single(GovernedRecord.Audit(_agent, ActionTypes.OrderHold));
        Assert.Equal(("execute", "automated", 0.95), (decision.Verdict, decision.Right, decision.Confidence));
        Assert.Contains("approved by credit.dana", decision.Trigger, StringComparison.Ordinal);
        Assert.Equal("erp:credit.dana", Store.Read(db => new FloorCollections(db).Events.OfType<Floor.OrderHeld>().Single()).Actor);
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent, ActionTypes.OrderHold)).Count("automated"));
    }

    [Fact]
    public async Task ErpHold_UnderTheDefaultHumanOnlyRight_IsRecommended_AndASupervisorCarriesItOut()
    {
        await StartAgentAsync(holdMode: null);
        await _agent!.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 1, null, OrderId: "SO-1"));

        await _admin.AppendCommandAsync(ErpCommands.Hold("gw1", "H-2", "SO-1", hold: true, "address check"), _headers);
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(_agent, ActionTypes.OrderHold).Count > 0, _guard.Token);
        var decision = GovernedRecord.Audit(_agent, ActionTypes.OrderHold).Single();
        Assert.Equal(("recommend-only", "human-only"), (decision.Verdict, decision.Right));
        Assert.Null(Store.Read(db => new FloorCollections(db).Holds.FindById("SO-1")));

        using var carried = await _agent.SendAsync(HttpMethod.Post, $"/api/governance/decisions/{decision.Seq}/override", SupervisorToken, """{"outcome":{"orderId":"SO-1"},"reason":"confirmed with central"}""");

        carried.EnsureSuccessStatusCode();
        Assert.Equal("sam", Store.Read(db => new FloorCollections(db).Holds.FindById("SO-1")).HeldBy);
        Assert.Contains(GovernedRecord.Audit(_agent, ActionTypes.OrderHold), r => r.Actor == "sam" && r.DecisionSeq == decision.Seq);
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent, ActionTypes.OrderHold)).Count("recommended"));
    }

    private async Task StartAgentAsync(string? holdMode)
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        settings["CloudBridge:Uplink:Address"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{IngressApp.BoundPort(_ingress)}");
        settings["CloudBridge:Uplink:Token"] = "test-token";
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        if (holdMode is not null)
        {
            settings["Governance:Rights:order.hold:Mode"] = holdMode;
            settings["Governance:Rights:order.hold:MinConfidence"] = "0.9";
        }

        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
    }

    private async Task<HandheldClient> ConnectAsync(string device)
    {
        var handheld = new HandheldClient(new HandheldClientOptions { Port = _agent!.BrokerPort, DeviceId = device, Password = RunningAgent.Password(device) }, TimeProvider.System);
        await handheld.ConnectAsync(_guard.Token);
        return handheld;
    }
}
