using System.Globalization;
using CloudBridge.Ingress;
using CloudBridge.Uplink;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>The agent's floor events leave through the real bridge to a real ingress on loopback.</summary>
public sealed class BridgeUplinkTests : IAsyncLifetime
{
    private readonly string _central = Directory.CreateTempSubdirectory("edgeagent-central-").FullName;
    private WebApplication _ingress = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _ingress = IngressApp.Build(
        [
            "--Ingress:Port=0",
            $"--Ingress:DataDirectory={_central}",
            "--Ingress:Gateways:gw1:Token=test-token",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _ingress.StartAsync();
        _port = IngressApp.BoundPort(_ingress);
    }

    public async Task DisposeAsync()
    {
        await _ingress.StopAsync();
        await _ingress.DisposeAsync();
        Directory.Delete(_central, recursive: true);
    }

    [Fact]
    public async Task EveryFloorEvent_IsInTheOutboxWithItsStateChange_AndCentralAcksThemAll()
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        settings["CloudBridge:Uplink:Address"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}");
        settings["CloudBridge:Uplink:Token"] = "test-token";
        await using var agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        await agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 1, null));
        await using (var handheld = new HandheldClient(new HandheldClientOptions { Port = agent.BrokerPort, DeviceId = "hh-1", Password = RunningAgent.Password("hh-1") }, TimeProvider.System))
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await handheld.ConnectAsync(guard.Token);
            await handheld.SendAsync(HandheldBodies.Login("P-1"), guard.Token);
            await handheld.SendAsync(HandheldBodies.Scan("A-01-1"), guard.Token);
            await handheld.SendAsync(HandheldBodies.Scan("SKU-1"), guard.Token);
            await handheld.SendAsync(HandheldBodies.Confirm(1), guard.Token);
        }

        var store = agent.Services.GetRequiredService<DurableStore>();
        var recorded = store.Read(db => new FloorCollections(db).Events.Count());
        var sender = agent.Services.GetRequiredService<UplinkSender>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (sender.GetStatus().EventsAcked < recorded)
        {
            await Task.Delay(20, wait.Token);
        }

        var business = Assert.Single(sender.GetStatus().Lanes, l => l.Lane == "business");
        Assert.Equal(recorded, business.LastSequence);
        Assert.Equal(recorded, business.AckedThrough);
        Assert.Equal(0, business.Backlog);
    }
}
