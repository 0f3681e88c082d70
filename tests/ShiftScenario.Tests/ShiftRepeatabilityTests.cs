using EdgeAgent.ShiftScenario;

namespace ShiftScenario.Tests;

/// <summary>
/// The whole runner against the real agent, twice: a small bad-day shift (ERP releases and a carrier's earlier
/// cut-off over the bridge downlink, handhelds over MQTT, the supervisor over HTTP, printers over TCP, the photo-eye
/// on the simulated GPIO chip) under static, rules and the models must write the same report, byte for byte,
/// charts included.
/// </summary>
public sealed class ShiftRepeatabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shift-repeat-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SameSeed_UnderEveryPolicy_WritesTheSameReportTwice()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var first = await RunAsync("a", guard.Token);
        var second = await RunAsync("b", guard.Token);

        var report = await File.ReadAllTextAsync(first, guard.Token);
        Assert.Equal(report, await File.ReadAllTextAsync(second, guard.Token));
        // The run did something worth repeating: the ERP's releases and cut-off change reached the agent under all
        // three policies, pickers picked, and the models planned.
        Assert.Matches(@"ERP over the downlink: task releases / cut-off changes \(lines the agent re-dated\) / refused( \| [1-9]\d* / [1-9]\d* \(\d+\) / 0){3} \|", report);
        Assert.Matches(@"Lines picked / released( \| [1-9]\d* / [1-9]\d*){3} \|", report);
        Assert.Matches(@"Plans by model / by rule \| 0 / 0 \| 0 / 0 \| [1-9]\d* / \d+ \|", report);
        var charts = Directory.GetFiles(Path.GetDirectoryName(first)!, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, charts.Count);
        foreach (var chart in charts)
        {
            Assert.Equal(
                await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(first)!, chart!), guard.Token),
                await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(second)!, chart!), guard.Token));
        }
    }

    // Both runs write to the same path (the report names its --out), then the report is moved aside for comparing.
    private async Task<string> RunAsync(string name, CancellationToken ct)
    {
        var run = Path.Combine(_dir, "run");
        var options = ShiftOptions.Parse(["--scenario", "bad-day", "--policy", "all", "--parallel", "--pickers", "3", "--hours", "0.25", "--out", Path.Combine(run, "REPORT.md")]);
        await ShiftReportCommand.RunAsync(options, TextWriter.Null, ct);
        Directory.Move(run, Path.Combine(_dir, name));
        return Path.Combine(_dir, name, "REPORT.md");
    }
}
