using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CloudBridge.Ingress;
using CloudBridge.Outbox;
using EdgeAgent.Bridge;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Bridge;

/// <summary>
/// Central is unreachable and the outbox reaches its quota: telemetry is shed and counted, business events get
/// backpressure (the handheld is told <c>storage-full</c>), every background loop with work to store lives on,
/// and when central comes back and drains the outbox the alarm clears and the loops store again.
/// </summary>
public sealed class OutboxQuotaPressureTests : IAsyncLifetime
{
    // A guard against a hang, not a timing: a full run on a loaded 2-core machine took this test past 2 minutes.
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(5));
    private readonly string _data = Directory.CreateTempSubdirectory("edgeagent-quota-").FullName;
    private readonly string _central = Directory.CreateTempSubdirectory("edgeagent-central-").FullName;
    private WebApplication? _ingress;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_ingress is not null)
        {
            await _ingress.StopAsync();
            await _ingress.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
        Directory.Delete(_central, recursive: true);
        _guard.Dispose();
    }

    [Fact]
    public async Task FullOutbox_ShedsTelemetry_PushesBackOnBusiness_KeepsEveryLoopAlive_AndClearsItsAlarmWhenCentralDrainsIt()
    {
        var ct = _guard.Token;
        int centralPort = FreePort();
        await using var floor = await PressureFloor.StartAsync(_data, s =>
        {
            s["CloudBridge:Uplink:Address"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{centralPort}");
            s["CloudBridge:Uplink:Token"] = "test-token";
            s["CloudBridge:Outbox:QuotaBytes"] = "16384";
        }, ct);
        var bridge = floor.Agent.Services.GetRequiredService<IBridgeStatus>();
        await floor.Agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 2, DateTimeOffset.UtcNow.AddMinutes(10)));
        await floor.Hand.SendAsync(HandheldBodies.Login("P-1"), ct);

        // Wrong shelves, each a business event (scan.rejected), until the outbox pushes back.
        int answered = 0;
        SimPrompt prompt;
        do
        {
            prompt = await floor.Hand.SendAsync(HandheldBodies.Scan("Z-99-9"), ct);
            answered += prompt.Error == "wrong-location" ? 1 : 0;
        }
        while (prompt.Error != "storage-full" && answered < 1000);

        // A carton's event is telemetry, shed once the quota has no room for it. The last bytes under the quota may still
        // take one (it is smaller than a rejected scan): cartons pass, each until the line has handled its pulse, until one is shed.
        for (int carton = 0; TelemetryShed(bridge) < 1; carton++)
        {
            Assert.True(carton < 20, "20 cartons passed the photo-eye and none was shed");
            await floor.PassCartonAsync();
        }

        floor.BlockPhotoEye();
        await floor.WaitUntilAsync(() => floor.Line.RefusedForSpace >= 1);
        floor.ClearJam();
        await floor.WaitUntilAsync(() => floor.Line.RefusedForSpace >= 2);
        long shedBefore = TelemetryShed(bridge);
        await floor.PassIoLinkCartonAsync();
        await floor.WaitUntilAsync(() => TelemetryShed(bridge) > shedBefore);
        floor.Printer.PaperOut = true;
        await floor.WaitUntilAsync(() => floor.Line.ActiveFaults.Contains("printer:zebra-1"));

        Assert.Equal(("error", "storage-full"), (prompt.Kind, prompt.Error));
        Assert.Contains("central", prompt.Text, StringComparison.Ordinal);
        // The status /metrics exports (edgeagent_bridge_quota_alarm, edgeagent_bridge_shed_total by lane); its values are
        // read from the source because OpenTelemetry's listener is process-wide and other agents of the run export too.
        var metrics = await floor.Agent.Http.GetStringAsync("/metrics", ct);
        Assert.True(bridge.Snapshot().QuotaAlarm);
        Assert.Contains("edgeagent_bridge_quota_alarm", metrics, StringComparison.Ordinal);
        Assert.Contains("lane=\"telemetry\"", metrics, StringComparison.Ordinal);
        Assert.True(TelemetryShed(bridge) >= 2);
        Assert.Equal(0, bridge.Snapshot().Lanes.Single(l => l.Lane == OutboxOptions.Business).Shed);
        Assert.Equal(answered, floor.Stored("scan.rejected"));
        Assert.Equal(0, floor.Stored("conveyor.jam") + floor.Stored("printer.faulted"));

        _ingress = IngressApp.Build(
        [
            $"--Ingress:Port={centralPort}",
            $"--Ingress:DataDirectory={_central}",
            "--Ingress:Gateways:gw1:Token=test-token",
            "--Ingress:AdminToken=admin-token",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _ingress.StartAsync(ct);
        await floor.WaitUntilAsync(() => !bridge.Snapshot().QuotaAlarm);
        floor.Printer.PaperOut = false;
        await floor.WaitUntilAsync(() => floor.Stored("printer.recovered") >= 1);
        var applied = await floor.Hand.SendAsync(HandheldBodies.Scan("A-01-1"), ct);
        // The line stores again. A pass the loaded test machine held on the eye past the jam limit (400 ms) is a jam, not
        // a carton: each pass is stored as one or the other, and another carton passes until one is a carton.
        int cartonsBefore = floor.Stored("carton.detected");
        for (int pass = 0; floor.Stored("carton.detected") == cartonsBefore; pass++)
        {
            Assert.True(pass < 5, "5 cartons passed the photo-eye after the drain and none was stored");
            int jamsBefore = floor.Stored("conveyor.jam-cleared");
            await floor.PassCartonAsync();
            await floor.WaitUntilAsync(() => floor.Stored("carton.detected") > cartonsBefore || floor.Stored("conveyor.jam-cleared") > jamsBefore);
        }

        Assert.Equal("scan-item", applied.Kind);
        Assert.Equal(answered, floor.Stored("scan.rejected"));
    }

    private static long TelemetryShed(IBridgeStatus bridge) =>
        bridge.Snapshot().Lanes.Single(l => l.Lane == OutboxOptions.Telemetry).Shed;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
