using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Hosting;

public sealed class AgentHostTests
{
    [Fact]
    public async Task Readyz_Answers200_OnceBrokerConnectionAndStoreAreUp()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");

        // The probes need no credential.
        using var ready = await agent.Anonymous.GetAsync("/readyz");
        using var alive = await agent.Anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Metrics_AreServedInPrometheusFormat_WithTheStoresGroupCommits()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        await agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 2, null));

        var metrics = await agent.Anonymous.GetStringAsync("/metrics");

        Assert.Contains("edgeagent_store_fsyncs_total", metrics, StringComparison.Ordinal);
        Assert.Contains("edgeagent_handhelds_received_total", metrics, StringComparison.Ordinal);
        Assert.Contains("reason=\"connect\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupervisorPage_IsServedAtTheRoot()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");

        var page = await agent.Http.GetStringAsync("/");

        Assert.Contains("<table", page, StringComparison.Ordinal);
        Assert.Contains("/console/app.js", page, StringComparison.Ordinal);
        Assert.Contains("/api/live", await agent.Http.GetStringAsync("/console/live.js"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleasedTasks_AppearInTheStateFeed_AsOpen()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        await agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 2, null));

        using var state = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/state"));

        var floor = state.RootElement.GetProperty("floor");
        Assert.Equal(1, floor.GetProperty("open").GetInt32());
        var task = Assert.Single(floor.GetProperty("tasks").EnumerateArray());
        Assert.Equal("Open", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReleaseWithAMissingField_Answers400NamingIt_AndAddsNothing()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");

        using var response = await agent.Http.PostAsJsonAsync("/api/tasks", new[] { new { id = "T-1", location = "A-01-1", qty = 2 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("[0].sku: is required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, agent.Services.GetRequiredService<DurableStore>().Read(db => new FloorCollections(db).Tasks.Count()));
    }

    [Fact]
    public async Task ReleaseThatIsNotJson_Answers400()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");

        using var response = await agent.Http.PostAsync("/api/tasks", new StringContent("[{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a JSON array", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseOfKnownIds_Answers409_AndAddsNothing()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        await agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 2, null));

        using var response = await agent.Http.PostAsJsonAsync("/api/tasks", new[]
        {
            new NewPickTask("T-2", "A-01-2", "SKU-2", 1, null),
            new NewPickTask("T-1", "A-01-1", "SKU-1", 2, null),
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("T-1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, agent.Services.GetRequiredService<DurableStore>().Read(db => new FloorCollections(db).Tasks.Count()));
    }

    [Fact]
    public async Task InvalidSetting_StopsStartUp_WithAMessageNamingTheKey()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-host-").FullName;
        var settings = RunningAgent.Settings(directory, "hh-1");
        settings["EdgeAgent:Site"] = "site/1";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningAgent.StartAsync(settings));

        Assert.Contains("EdgeAgent:Site", error.Message, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task SecondAgentOnTheSameDataDirectory_IsRefused_WithAMessageSayingSo()
    {
        await using var first = await RunningAgent.StartAsync("hh-1");

        var error = await Assert.ThrowsAsync<DataDirectoryLockedException>(
            () => RunningAgent.StartAsync(RunningAgent.Settings(first.DataDirectory, "hh-1")));

        Assert.Contains(first.DataDirectory, error.Message, StringComparison.Ordinal);
    }
}
