using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace EdgeAgent.EndToEnd;

public sealed class ExternalBrokerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("edgeagent-external-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task WithMosquittoConfigured_TheWholePickLoopRunsThroughIt()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var mosquitto = await MosquittoServer.StartAsync();
        var settings = Floor.Settings(_data, mosquitto.Port, devices: 2);
        settings["Broker:Mode"] = "External";
        settings["Broker:Host"] = "127.0.0.1";
        await using var agent = await AgentProcess.StartAsync(settings, output);
        await Floor.ReleaseAsync(agent.PageUrl, 12);

        var handhelds = await Task.WhenAll(Floor.Devices(2).Select(d => Floor.ConnectAsync(mosquitto.Port, d, guard.Token)));
        var bots = handhelds.Select((h, i) => Floor.Picker(h, i + 1)).ToList();
        await Task.WhenAll(bots.Select(b => b.RunAsync(stopWhenIdle: true, guard.Token)));

        Assert.Equal(12, bots.Sum(b => b.TasksDone));
        using var http = Floor.Client(agent.PageUrl);
        using var state = JsonDocument.Parse(await http.GetStringAsync("/api/state", guard.Token));
        Assert.Equal(12, state.RootElement.GetProperty("floor").GetProperty("picked").GetInt32());
        Assert.True(state.RootElement.GetProperty("brokerReady").GetBoolean());
        foreach (var handheld in handhelds)
        {
            await handheld.DisposeAsync();
        }
    }

    [Fact]
    public async Task SecondAgentOnTheSameDataDirectory_StopsAtOnce_SayingWhy()
    {
        await using var mosquitto = await MosquittoServer.StartAsync();
        var settings = Floor.Settings(_data, mosquitto.Port, devices: 1);
        settings["Broker:Mode"] = "External";
        settings["Broker:Host"] = "127.0.0.1";
        await using var first = await AgentProcess.StartAsync(settings, output);

        settings["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{AgentProcess.FreePort()}");
        await using var second = await AgentProcess.StartAsync(settings, output, waitForReady: false);

        Assert.Equal(3, await second.ExitCode.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains(second.Output, line => line.Contains("in use by another EdgeAgent", StringComparison.Ordinal));
    }
}
