using EdgeAgent.Audit;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>Prompts the agent sends a waiting picker on its own, through the real agent, broker and HTTP API.</summary>
public sealed class PushedPromptTests : IAsyncLifetime
{
    private const string SupervisorToken = "sup-token-123";
    private static readonly TimeSpan PushWait = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-push-").FullName, "hh-1", "hh-2");
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        settings["Governance:Rights:task.assign:Mode"] = "Assisted";
        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _guard.Dispose();
    }

    [Fact]
    public async Task ApprovedAssignment_ReachesTheWaitingHandheld_WithoutItAsking()
    {
        await _agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 2, DateTimeOffset.UtcNow.AddMinutes(10)));
        await using var handheld = await ConnectAsync("hh-1");
        var waiting = await handheld.SendAsync(HandheldBodies.Login("P-1"), _guard.Token);
        var approval = _agent.Services.GetRequiredService<DurableStore>()
            .Read(db => new AuditCollections(db).Records.FindOne(r => r.ActionType == ActionTypes.TaskAssign)).Seq;

        using var approved = await _agent.SendAsync(HttpMethod.Post, $"/api/approvals/{approval}/approve", SupervisorToken);
        var pushed = await handheld.WaitForPushAsync(PushWait, _guard.Token);

        Assert.Equal("no-work", waiting.Kind);
        Assert.Equal(System.Net.HttpStatusCode.OK, approved.StatusCode);
        Assert.NotNull(pushed);
        Assert.Equal(("go-to-location", "T-1", 1L, 1L), (pushed.Kind, pushed.Task?.Id, pushed.Push, pushed.Ack));
        Assert.Equal(1, handheld.LastSeq);
    }

    [Fact]
    public async Task RedeliveryAfterAPush_GetsTheCurrentScreen_NotTheOutdatedAnswer()
    {
        await _agent.ReleaseAsync(new NewPickTask("T-2", "B-02-1", "SKU-2", 1, DateTimeOffset.UtcNow.AddMinutes(10)));
        await using var handheld = await ConnectAsync("hh-2");
        await handheld.SendAsync(HandheldBodies.Login("P-2"), _guard.Token);
        var approval = _agent.Services.GetRequiredService<DurableStore>()
            .Read(db => new AuditCollections(db).Records.FindOne(r => r.ActionType == ActionTypes.TaskAssign)).Seq;
        using var approved = await _agent.SendAsync(HttpMethod.Post, $"/api/approvals/{approval}/approve", SupervisorToken);
        var pushed = await handheld.WaitForPushAsync(PushWait, _guard.Token);

        // The handheld never saw the push (say it roamed out of Wi-Fi) and resends its last message.
        var resent = await handheld.SendRawAndWaitAsync("event", """{"v":1,"seq":1,"type":"login","picker":"P-2"}"""u8.ToArray(), _guard.Token);

        Assert.NotNull(pushed);
        Assert.Equal(("go-to-location", "T-2", 1L), (resent.Kind, resent.Task?.Id, resent.Push));
        Assert.Equal(1, _agent.Services.GetRequiredService<DurableStore>().Read(db => new FloorCollections(db).Tasks.Count(t => t.AssignedTo == "P-2")));
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
