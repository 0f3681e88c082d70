using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAgent.Broker;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>/readyz and the floor page answer whether the agent can work, not only whether its parts were started.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task WedgedStoreWriter_Answers503WithTheReason_AndTheStateFeedSaysSo_Then200WhenItCommitsAgain()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        await AssertReadyAsync(agent);

        // A change that never returns holds the single writer: nothing behind it commits.
        using var release = new ManualResetEventSlim();
        var wedge = agent.Services.GetRequiredService<DurableStore>().WriteAsync(_ => release.Wait(TimeSpan.FromMinutes(1)));

        using (var notReady = await agent.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("the store writer did not commit", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            var state = await agent.Http.GetFromJsonAsync<JsonElement>("/api/state", timeout.Token);
            Assert.False(state.GetProperty("ready").GetBoolean());
            Assert.Contains(state.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("the store writer did not commit", StringComparison.Ordinal));
        }

        release.Set();
        Assert.True(await wedge);
        await AssertReadyAsync(agent);
    }

    [Fact]
    public async Task StoppedBroker_Answers503WithTheReason_AndTheStateFeedSaysSo()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        await AssertReadyAsync(agent);

        await agent.Services.GetRequiredService<AgentBroker>().Embedded!.StopAsync(CancellationToken.None);

        using var notReady = await agent.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("the embedded MQTT broker is not running", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var state = await agent.Http.GetFromJsonAsync<JsonElement>("/api/state");
        Assert.False(state.GetProperty("ready").GetBoolean());
        Assert.Contains(state.GetProperty("problems").EnumerateArray(), p => p.GetString() == "the embedded MQTT broker is not running");
    }

    private static async Task AssertReadyAsync(RunningAgent agent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var ready = await agent.Http.GetAsync("/readyz");
            if (ready.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                break;
            }

            await Task.Delay(100);
        }

        var state = await agent.Http.GetFromJsonAsync<JsonElement>("/api/state");
        Assert.True(state.GetProperty("ready").GetBoolean());
    }
}
