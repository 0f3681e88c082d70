using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Storage;

/// <summary>
/// The data directory on a real 64 MiB tmpfs that a filler file squeezes under <c>Store:MinFreeBytes</c>: the agent
/// alarms, sheds telemetry, tells the handheld <c>storage-full</c>, its loops live on, and when the filler goes it
/// carries on by itself with nothing acknowledged lost. Needs root (mount); it fails, never skips, without it.
/// </summary>
public sealed class DiskSqueezeTests : IAsyncLifetime
{
    // Well above LiteDB's log (checkpointed at 1,000 pages, 8 MiB): a checkpoint that truncates the log frees at most
    // that much, which must not lift the disk over the recovery mark (a quarter above the floor) by itself.
    private const long MinFree = 24L * 1024 * 1024;
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(2));
    private readonly string _mount = Directory.CreateTempSubdirectory("edgeagent-disk-").FullName;
    private bool _mounted;

    public async Task InitializeAsync()
    {
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", _mount);
        _mounted = true;
    }

    public async Task DisposeAsync()
    {
        if (_mounted)
        {
            await RunAsync("umount", _mount);
        }

        Directory.Delete(_mount, recursive: true);
        _guard.Dispose();
    }

    [Fact]
    public async Task DataDiskUnderItsFloor_AlarmsShedsTelemetryRefusesBusinessWithStorageFull_AndRecoversWhenSpaceReturns()
    {
        await using var floor = await PressureFloor.StartAsync(Path.Combine(_mount, "data"), s =>
        {
            s["Store:MinFreeBytes"] = MinFree.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Store:FreeSpaceCheckMilliseconds"] = "50";
        }, _guard.Token);
        var ct = _guard.Token;
        var watch = floor.Agent.Services.GetRequiredService<FreeSpaceWatch>();
        await floor.Agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 2, DateTimeOffset.UtcNow.AddMinutes(10)));
        var go = await floor.Hand.SendAsync(HandheldBodies.Login("P-1"), ct);
        Assert.Equal(("go-to-location", "T-1"), (go.Kind, go.Task?.Id));

        var filler = Path.Combine(_mount, "filler");
        await FillAsync(filler, new DriveInfo(_mount).AvailableFreeSpace - (MinFree - (4L * 1024 * 1024)), ct);
        await floor.WaitUntilAsync(() => watch.IsLow);

        var refused = await floor.Hand.SendAsync(HandheldBodies.Scan("A-01-1"), ct);
        // A carton is shed. A pass the loaded machine held on the eye past the jam limit (400 ms) is a jam (refused, like
        // the one below): another carton passes until one is a carton.
        for (int pass = 0; !await floor.PassCartonAsync(); pass++)
        {
            Assert.True(pass < 5, "5 cartons passed the photo-eye and each was taken for a jam");
        }

        long shedCartons = watch.Status.TelemetryShed;
        // A jam and its clearing are business: both refused and counted, and the sensor loop lives on.
        long refusedBefore = floor.Line.RefusedForSpace;
        await floor.JamAsync();
        await floor.ClearJamAsync();
        long refusedJam = floor.Line.RefusedForSpace - refusedBefore;
        await floor.PassIoLinkCartonAsync();
        using var notReady = await floor.Agent.Http.GetAsync("/readyz", ct);
        var state = await floor.Agent.Http.GetFromJsonAsync<JsonElement>("/api/state", ct);

        Assert.Equal(("error", "storage-full"), (refused.Kind, refused.Error));
        Assert.True(shedCartons >= 1, "the carton was not shed");
        Assert.Equal(2, refusedJam);
        Assert.True(watch.Status.TelemetryShed > shedCartons, "the IO-Link carton was not shed");
        Assert.Contains("disk", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("data disk", await notReady.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.True(state.GetProperty("disk").GetProperty("low").GetBoolean());
        Assert.True(state.GetProperty("disk").GetProperty("telemetryShed").GetInt64() >= 2);
        // /metrics reads the same status; its values are not compared here because OpenTelemetry's listener is
        // process-wide and other agents of this test run export series of the same names.
        var metrics = await floor.Agent.Http.GetStringAsync("/metrics", ct);
        Assert.Contains("# TYPE edgeagent_storage_low gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE edgeagent_storage_shed_total counter", metrics, StringComparison.Ordinal);
        Assert.Equal(0, floor.Stored("carton.detected") + floor.Stored("conveyor.jam") + floor.Stored("scan.location"));

        File.Delete(filler);
        await floor.WaitUntilAsync(() => !watch.IsLow);
        var applied = await floor.Hand.SendAsync(HandheldBodies.Scan("A-01-1"), ct);
        for (int pass = 0; !await floor.PassCartonAsync(); pass++)
        {
            Assert.True(pass < 5, "5 cartons passed the photo-eye after the recovery and each was taken for a jam");
        }

        using var ready = await floor.Agent.Http.GetAsync("/readyz", ct);

        Assert.Equal("scan-item", applied.Kind);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(1, watch.Status.Alarms);
        Assert.Equal(1, floor.Stored("picker.login"));
        Assert.Equal(1, floor.Stored("scan.location"));
        Assert.Equal(1, floor.Stored("carton.detected"));
    }

    private static async Task FillAsync(string path, long bytes, CancellationToken ct)
    {
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)0x5a);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        for (long written = 0; written < bytes; written += block.Length)
        {
            await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, bytes - written)), ct);
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error} (the disk test needs root to mount a tmpfs)");
    }
}
