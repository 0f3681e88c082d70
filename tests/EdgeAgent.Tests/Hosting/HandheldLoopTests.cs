using System.Text;
using EdgeAgent.Broker;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>The pick loop through the agent's real embedded broker, with real MQTT handhelds.</summary>
public sealed class HandheldLoopTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _agent = await RunningAgent.StartAsync("hh-1", "hh-2");
        await _agent.ReleaseAsync(
            new NewPickTask("T-1", "A-01-1", "SKU-1", 2, DateTimeOffset.UtcNow.AddMinutes(10)),
            new NewPickTask("T-2", "B-02-1", "SKU-2", 1, DateTimeOffset.UtcNow.AddMinutes(20)));
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _guard.Dispose();
    }

    [Fact]
    public async Task Handheld_LogsInPicksAndConfirms_AndGetsTheNextTask()
    {
        await using var handheld = await ConnectAsync("hh-1");

        var go = await handheld.SendAsync(HandheldBodies.Login("P-1"), _guard.Token);
        var scanItem = await handheld.SendAsync(HandheldBodies.Scan("A-01-1"), _guard.Token);
        var enterQty = await handheld.SendAsync(HandheldBodies.Scan("SKU-1"), _guard.Token);
        var next = await handheld.SendAsync(HandheldBodies.Confirm(2), _guard.Token);

        Assert.Equal(("go-to-location", "T-1"), (go.Kind, go.Task?.Id));
        Assert.Equal("scan-item", scanItem.Kind);
        Assert.Equal("enter-quantity", enterQty.Kind);
        Assert.Equal(("go-to-location", "T-2"), (next.Kind, next.Task?.Id));
        var task = _agent.Services.GetRequiredService<DurableStore>().Read(db => new FloorCollections(db).Tasks.FindById("T-1"));
        Assert.Equal(PickTaskStatus.Picked, task.Status);
    }

    [Fact]
    public async Task WrongLocationScan_GetsASpecificErrorPrompt()
    {
        await using var handheld = await ConnectAsync("hh-1");
        await handheld.SendAsync(HandheldBodies.Login("P-1"), _guard.Token);

        var prompt = await handheld.SendAsync(HandheldBodies.Scan("Z-99-9"), _guard.Token);

        Assert.Equal(("error", "wrong-location"), (prompt.Kind, prompt.Error));
        Assert.Contains("A-01-1", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceWithoutCredentials_IsRefusedAtTheBroker_AndNothingIsStored()
    {
        var stranger = new HandheldClient(
            new HandheldClientOptions { Port = _agent.BrokerPort, DeviceId = "hh-9", Password = "guess" },
            TimeProvider.System);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => stranger.ConnectAsync(_guard.Token));

        Assert.Contains("BadUserNameOrPassword", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _agent.Services.GetRequiredService<DurableStore>().Read(db => new FloorCollections(db).Pickers.Count()));
        Assert.Equal(1, _agent.Services.GetRequiredService<AgentBroker>().Embedded!.Counters.RefusedConnections);
        await stranger.DisposeAsync();
    }

    [Theory]
    [InlineData("{ not json", "malformed-json")]
    [InlineData("""{"v":1,"seq":1,"type":"scan","code":42}""", "bad-field")]
    [InlineData("""{"v":2,"seq":1,"type":"login","picker":"P-1"}""", "unsupported-version")]
    [InlineData("""{"v":1,"seq":1,"type":"dance"}""", "unknown-type")]
    public async Task BadPayload_GetsAnErrorPromptNamingTheProblem(string payload, string error)
    {
        await using var handheld = await ConnectAsync("hh-2");

        var prompt = await handheld.SendRawAndWaitAsync("event", Encoding.UTF8.GetBytes(payload), _guard.Token);

        Assert.Equal(("error", error), (prompt.Kind, prompt.Error));
        using var state = System.Text.Json.JsonDocument.Parse(await _agent.Http.GetStringAsync("/api/state"));
        var counted = state.RootElement.GetProperty("handhelds").GetProperty("errorsByCode");
        Assert.Equal(1, counted.EnumerateObject().Sum(p => p.Value.GetInt64()));
    }

    [Fact]
    public async Task OversizedPayload_IsRefusedUnread()
    {
        await using var handheld = await ConnectAsync("hh-2");
        var huge = Encoding.UTF8.GetBytes($$"""{"v":1,"seq":1,"type":"scan","code":"{{new string('x', 10_000)}}"}""");

        var prompt = await handheld.SendRawAndWaitAsync("event", huge, _guard.Token);

        Assert.Equal(("error", "payload-too-large"), (prompt.Kind, prompt.Error));
    }

    private async Task<HandheldClient> ConnectAsync(string deviceId)
    {
        var handheld = new HandheldClient(
            new HandheldClientOptions { Host = "127.0.0.1", Port = _agent.BrokerPort, Site = "site1", DeviceId = deviceId, Password = RunningAgent.Password(deviceId) },
            TimeProvider.System);
        await handheld.ConnectAsync(_guard.Token);
        return handheld;
    }
}
