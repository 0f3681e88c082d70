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
        // take one (it is smaller than a rejected scan): cartons pass until one is shed. (A pass the loaded machine held on
        // the eye past the jam limit is a jam: business, stored or refused like the jams below.)
        for (int carton = 0; TelemetryShed(bridge) < 1; carton++)
        {
            Assert.True(carton < 20, "20 cartons passed the photo-eye and none was shed");
            await floor.PassCartonAsync();
        }

        // A jam is business: refused when it finds no room, never shed. What the scans left under the quota, with telemetry
        // a business event may evict, can still take one: a jam's write (its event and the jam exception it opens, about
        // 150 + 200 bytes with their envelopes) or a clearing's (one event of about 165 bytes: a clearing whose jam was
        // refused closes no exception) may fit where a rejected scan did not, and the clearing of a refused jam may be
        // stored. Jams come and clear until a jam is refused; each jam and each clearing is stored or refused and counted.
        long refusedBefore = floor.Line.RefusedForSpace;
        int storedBefore = StoredJams(floor);
        int jams = 0;
        for (bool jamRefused = false; !jamRefused; jams++)
        {
            Assert.True(jams < 5, "5 jams were stored with the outbox over its quota");
            long refused = floor.Line.RefusedForSpace;
            await floor.JamAsync();
            jamRefused = floor.Line.RefusedForSpace > refused;
            await floor.ClearJamAsync();
        }

        Assert.Equal(2 * jams, floor.Line.RefusedForSpace - refusedBefore + StoredJams(floor) - storedBefore);

        // The IO-Link photo-eye feeds the same loop, which lives on: its carton is handled (stored in the bytes a clearing
        // may have left, or shed). The printer's fault (its event and exception both bigger than the jam's) is refused
        // while the printer loop carries on.
        await floor.PassIoLinkCartonAsync();
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
        Assert.True(TelemetryShed(bridge) >= 1);
        Assert.Equal(0, bridge.Snapshot().Lanes.Single(l => l.Lane == OutboxOptions.Business).Shed);
        Assert.Equal(answered, floor.Stored("scan.rejected"));
        Assert.Equal(0, floor.Stored("printer.faulted"));

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
        // a carton: another carton passes until one is a carton.
        int cartonsBefore = floor.Stored("carton.detected");
        for (int pass = 0; !await floor.PassCartonAsync(); pass++)
        {
            Assert.True(pass < 5, "5 cartons passed the photo-eye after the drain and each was taken for a jam");
        }

        Assert.Equal(cartonsBefore + 1, floor.Stored("carton.detected"));
        Assert.Equal("scan-item", applied.Kind);
        Assert.Equal(answered, floor.Stored("scan.rejected"));
    }

    private static int StoredJams(PressureFloor floor) => floor.Stored("conveyor.jam") + floor.Stored("conveyor.jam-cleared");

    private static long TelemetryShed(IBridgeStatus bridge) =>
        bridge.Snapshot().Lanes.Single(l => l.Lane == OutboxOptions.Telemetry).Shed;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
