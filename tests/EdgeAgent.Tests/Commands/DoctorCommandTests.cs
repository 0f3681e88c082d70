using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EdgeAgent.Commands;

namespace EdgeAgent.Tests.Commands;

public sealed class DoctorCommandTests : IDisposable
{
    private readonly SiteFolder _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task GoodSite_EveryCheckOk_ExceptNoCentral_AndExitsZero()
    {
        var config = _site.WriteConfig();

        var (code, output) = await RunAsync(config);

        Assert.Equal(DoctorCommand.Healthy, code);
        Assert.Contains("ok    config: valid", output, StringComparison.Ordinal);
        Assert.Contains($"ok    data directory: {_site.DataDirectory} is writable", output, StringComparison.Ordinal);
        Assert.Contains("ok    HTTP port", output, StringComparison.Ordinal);
        Assert.Contains("ok    MQTT port", output, StringComparison.Ordinal);
        Assert.Contains("warn  central: CloudBridge:Uplink:Address is not set", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenSite_SaysFailForEachProblem_WithWhatToFix_AndExitsOne()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busyPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var now = DateTimeOffset.UtcNow;
        var soon = _site.Certificate("broker", now.AddDays(10));
        var expired = _site.Certificate("central-ca", now.AddDays(-1));
        var site = _site.WriteConfig(root =>
        {
            root["EdgeAgent"]!["Site"] = "not a topic level";
            root["Urls"] = $"http://127.0.0.1:{busyPort}";
            root["Broker"]!["TlsPort"] = SiteFolder.FreePort();
            root["Broker"]!["TlsCertificatePath"] = soon;
            root["Broker"]!["TlsKeyPath"] = Path.ChangeExtension(soon, ".key");
            root["Conveyor"] = new JsonObject { ["Enabled"] = true, ["Gpio"] = "Board" };
            root["CloudBridge"] = new JsonObject
            {
                ["Uplink"] = new JsonObject { ["Address"] = $"https://127.0.0.1:{SiteFolder.FreePort()}", ["CaCertificatePath"] = expired },
            };
        });

        var (code, output) = await RunAsync(site);

        Assert.Equal(DoctorCommand.Failing, code);
        var config = output.Split('\n').Where(l => l.StartsWith("FAIL  config: ", StringComparison.Ordinal)).ToList();
        Assert.Single(config, l => l.Contains("EdgeAgent:Site must be", StringComparison.Ordinal));
        Assert.Single(config, l => l.Contains("Conveyor:Printers needs at least one printer", StringComparison.Ordinal));
        Assert.Contains($"FAIL  HTTP port {busyPort}: in use by another program", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  GPIO: ", output, StringComparison.Ordinal);
        Assert.Contains("gpiochip0 is missing", output, StringComparison.Ordinal);
        Assert.Contains($"warn  broker TLS certificate (Broker:TlsCertificatePath): {soon} expires on", output, StringComparison.Ordinal);
        Assert.Contains($"FAIL  bridge CA (CloudBridge:Uplink:CaCertificatePath): {expired} expired on", output, StringComparison.Ordinal);
        Assert.Contains("warn  central: 127.0.0.1:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningAgentsPorts_AreItsOwn_NotAConflict()
    {
        var config = _site.WriteConfig();
        var urls = (string)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))!["Urls"]!;
        using var held = EdgeAgent.Storage.DataDirectoryLock.Acquire(_site.DataDirectory);
        using var http = new TcpListener(IPAddress.Loopback, new Uri(urls).Port);
        http.Start();

        var (code, output) = await RunAsync(config);

        Assert.Equal(DoctorCommand.Healthy, code);
        Assert.Contains("in use by a running EdgeAgent", output, StringComparison.Ordinal);
        Assert.Contains("in use, by the running agent", output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> RunAsync(string config)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var devices = Directory.CreateDirectory(Path.Combine(_site.Root, "dev")).FullName;
        var code = await DoctorCommand.RunAsync(["doctor", "--config", config], output, error, new DoctorSetup { DeviceDirectory = devices, MinimumFreeBytes = 1 });
        return (code, output.ToString() + error);
    }
}
