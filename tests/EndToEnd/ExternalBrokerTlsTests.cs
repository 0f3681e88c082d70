using System.Text.Json;
using EdgeAgent.Simulators.Handhelds;
using Xunit.Abstractions;

namespace EdgeAgent.EndToEnd;

/// <summary>The agent against Mosquitto configured as we ship it: TLS only, passwords, the ACL, user name as client id.</summary>
public sealed class ExternalBrokerTlsTests(ITestOutputHelper output) : IDisposable
{
    private const string AgentUser = "edgeagent-gw1";
    private const string AgentPassword = "agent-secret-pw";
    private static readonly string[] AgentSessions = [AgentUser, $"{AgentUser}-scanners", $"{AgentUser}-printers", $"{AgentUser}-iolink"];
    private readonly string _data = Directory.CreateTempSubdirectory("edgeagent-external-tls-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task ShippedMosquittoWithTls_AgentReady_HandheldPicks_AndNoSessionIsKickedOff()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var users = AgentSessions.ToDictionary(u => u, _ => AgentPassword);
        users["hh-1"] = Floor.Password("hh-1");
        await using var mosquitto = await SiteMosquitto.StartAsync(users);
        var settings = ExternalSettings(mosquitto);
        await using var agent = await AgentProcess.StartAsync(settings, output);
        await Floor.ReleaseAsync(agent.PageUrl, 3);

        await using var handheld = new HandheldClient(
            new HandheldClientOptions
            {
                Host = "127.0.0.1",
                Port = mosquitto.Port,
                DeviceId = "hh-1",
                Password = Floor.Password("hh-1"),
                Tls = true,
                CaCertificatePath = mosquitto.Certificates.CaPath,
                ResendInterval = TimeSpan.FromMilliseconds(500),
            },
            TimeProvider.System);
        await handheld.ConnectAsync(guard.Token);
        var picker = Floor.Picker(handheld, 1);
        await picker.RunAsync(stopWhenIdle: true, guard.Token);
        // Sessions that share a login kick each other off within a reconnect period (seconds); give them the time.
        await Task.Delay(TimeSpan.FromSeconds(5), guard.Token);

        Assert.Equal(3, picker.TasksDone);
        using var http = Floor.Client(agent.PageUrl);
        using var state = JsonDocument.Parse(await http.GetStringAsync("/api/state", guard.Token));
        Assert.True(state.RootElement.GetProperty("brokerReady").GetBoolean());
        var log = mosquitto.Log;
        foreach (var line in log)
        {
            output.WriteLine("mosquitto: " + line);
        }

        Assert.DoesNotContain(log, line => line.Contains("already connected", StringComparison.Ordinal));
        foreach (var session in AgentSessions.Append("hh-1"))
        {
            // Exactly one login each, over TLS, and never dropped: a kicked session would log in again.
            Assert.Single(log, line => line.Contains("New client connected", StringComparison.Ordinal) && line.Contains($" as {session} (", StringComparison.Ordinal));
            Assert.DoesNotContain(log, line => line.Contains($"Client {session} disconnected", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TlsWithAMissingCaFile_RefusesToStart_NamingTheSetting()
    {
        var settings = Floor.Settings(_data, 8883, devices: 1);
        settings["Broker:Mode"] = "External";
        settings["Broker:Host"] = "127.0.0.1";
        settings["Broker:Tls"] = "true";
        settings["Broker:CaCertificatePath"] = Path.Combine(_data, "no-such-ca.crt");
        await using var agent = await AgentProcess.StartAsync(settings, output, waitForReady: false);

        Assert.Equal(2, await agent.ExitCode.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains(agent.Output, line => line.Contains("Broker:CaCertificatePath", StringComparison.Ordinal));
    }

    private Dictionary<string, string> ExternalSettings(SiteMosquitto mosquitto)
    {
        var settings = Floor.Settings(_data, mosquitto.Port, devices: 1);
        settings["Broker:Mode"] = "External";
        settings["Broker:Host"] = "127.0.0.1";
        settings["Broker:Username"] = AgentUser;
        settings["Broker:Password"] = AgentPassword;
        settings["Broker:Tls"] = "true";
        settings["Broker:CaCertificatePath"] = mosquitto.Certificates.CaPath;
        // The line opens the agent's other three sessions: fixed scanners, an MQTT printer, an IO-Link master.
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        settings["Conveyor:PrinterPollMs"] = "60000";
        settings["Conveyor:Printers:0:Id"] = "prn-1";
        settings["Conveyor:Printers:0:Transport"] = "Mqtt";
        settings["Conveyor:IoLink:Ports:0:MasterId"] = "io-1";
        settings["Conveyor:IoLink:Ports:0:Port"] = "1";
        settings["Conveyor:IoLink:Ports:0:Name"] = "pe-io";
        return settings;
    }
}
