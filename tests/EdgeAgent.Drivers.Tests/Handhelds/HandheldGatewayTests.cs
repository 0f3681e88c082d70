using System.Text;
using System.Text.Json.Nodes;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;

namespace EdgeAgent.Drivers.Tests.Handhelds;

public sealed class HandheldGatewayTests : IAsyncLifetime
{
    private readonly EmbeddedBroker _broker = BrokerHarness.NewEmbeddedBroker();

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public Task ValidEvent_ReachesTheCallback_AndItsPromptReachesTheHandheld() =>
        GatewayScenarios.ValidEvent_ReachesTheCallback_AndItsPromptReachesTheHandheld(_broker.Port);

    [Theory]
    [MemberData(nameof(GatewayScenarios.BadInputs), MemberType = typeof(GatewayScenarios))]
    public Task BadInput_IsAnsweredWithTheErrorPrompt_AndCounted(string channel, string payload, string error, long? ack) =>
        GatewayScenarios.BadInput_IsAnsweredWithTheErrorPrompt_AndCounted(_broker.Port, channel, payload, error, ack);

    [Fact]
    public Task ThrowingCallback_YieldsAnInternalErrorPrompt_AndTheGatewayKeepsServing() =>
        GatewayScenarios.ThrowingCallback_YieldsAnInternalErrorPrompt_AndTheGatewayKeepsServing(_broker.Port);

    [Fact]
    public async Task StatusMessages_AreIgnored_AndNotCounted()
    {
        await using var gateway = await BrokerHarness.StartGatewayAsync(_broker.Port, BrokerHarness.Echo);
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(_broker.Port);
        await handheld.SendRawAsync("status", "{\"v\":1,\"online\":true}"u8.ToArray(), Guard.Token());

        // Messages from one client arrive in order, so once this is answered the status was seen.
        await handheld.SendAsync(new JsonObject { ["type"] = "logout" }, Guard.Token());

        Assert.Equal(1, gateway.Counters.Received);
        Assert.Empty(gateway.Counters.ErrorsByCode);
    }

    [Fact]
    public async Task Callbacks_RunConcurrently_SoSlowAnswersDoNotQueueBehindEachOther()
    {
        const int devices = 20;
        var entered = 0;
        var allEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = await BrokerHarness.StartGatewayAsync(_broker.Port, async (m, ct) =>
        {
            if (Interlocked.Increment(ref entered) == devices)
            {
                allEntered.TrySetResult();
            }

            // Like a group commit: nobody is answered until every event is in.
            await allEntered.Task.WaitAsync(ct);
            return await BrokerHarness.Echo(m, ct);
        });
        var handhelds = await Task.WhenAll(Enumerable.Range(0, devices).Select(i => BrokerHarness.ConnectHandheldAsync(_broker.Port, $"HH-{i}")));

        var prompts = await Task.WhenAll(handhelds.Select(h => h.SendAsync(new JsonObject { ["type"] = "logout" }, Guard.Token())));

        Assert.All(prompts, p => Assert.Equal(1, p.Ack));
        Assert.All(handhelds, h => Assert.Equal(0, h.Resends));
        foreach (var handheld in handhelds)
        {
            await handheld.DisposeAsync();
        }
    }

    [Fact]
    public async Task WhenTheBrokerRestarts_TheGatewayReconnects_AndTheHandheldsResendIsAnswered()
    {
        var port = _broker.Port;
        await using var gateway = await BrokerHarness.StartGatewayAsync(port, BrokerHarness.Echo);
        await _broker.StopAsync(Guard.Token());
        await using var restarted = BrokerHarness.NewEmbeddedBroker(port);
        await restarted.StartAsync(Guard.Token());
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(port, resendInterval: TimeSpan.FromMilliseconds(200));

        var prompt = await handheld.SendAsync(new JsonObject { ["type"] = "scan", ["code"] = "A-01-03" }, Guard.Token());

        Assert.Equal(1, prompt.Ack);
        Assert.True(gateway.IsConnected);
    }

    [Fact]
    public async Task AHandheldsStatus_AfterTheBrokerDroppedIt_ConnectsAgainFirst()
    {
        // The shift scenario's heartbeat once published on a dropped connection and ended a 76-minute run with
        // MqttClientNotConnectedException; the app connects again before it says anything, as it does for events.
        var port = _broker.Port;
        await using var restarted = BrokerHarness.NewEmbeddedBroker(port); // started once the first one stops; disposed after the handheld
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(port);
        await _broker.StopAsync(Guard.Token());
        await restarted.StartAsync(Guard.Token());

        await handheld.SendStatusAsync("""{"v":1,"online":true}"""u8.ToArray(), Guard.Token());

        Assert.Equal(1, handheld.Reconnects);
    }

    [Fact]
    public async Task AnswersGoOnlyToTheDeviceThatAsked()
    {
        await using var gateway = await BrokerHarness.StartGatewayAsync(_broker.Port, BrokerHarness.Echo);
        await using var asking = await BrokerHarness.ConnectHandheldAsync(_broker.Port);
        await using var other = await BrokerHarness.ConnectHandheldAsync(_broker.Port);

        await asking.SendAsync(new JsonObject { ["type"] = "logout" }, Guard.Token());
        var otherPrompt = await other.SendRawAndWaitAsync("event", Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":1,\"type\":\"logout\"}"), Guard.Token());

        Assert.Equal(1, otherPrompt.Ack);
        Assert.Equal(0, other.IgnoredPrompts);
    }
}
