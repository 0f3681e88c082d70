using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Tests.Mqtt;

/// <summary>
/// A device that reads nothing but its PUBACK (a conveyor scanner) is let in only while the agent's session that
/// stores its kind holds a subscription covering it; before that its CONNECT is refused with <c>ServerUnavailable</c>,
/// so no publish of it is answered into nowhere.
/// </summary>
public sealed class AdmissionByReaderTests : IAsyncLifetime
{
    private const string AgentSecret = "agent-secret-of-this-run";
    private readonly EmbeddedBroker _broker;

    public AdmissionByReaderTests()
    {
        var options = new EmbeddedBrokerOptions { Port = 0, Site = "site1", AgentClientId = "edgeagent", AgentSecret = AgentSecret };
        options.Clients["sc-1"] = new BrokerClient { Kind = "scanner", PasswordHash = PasswordHash.Create("pw-sc", PasswordHash.MinimumIterations) };
        options.ReadersByKind["scanner"] = "edgeagent-scanners";
        _broker = new EmbeddedBroker(Microsoft.Extensions.Options.Options.Create(options), NullLogger<EmbeddedBroker>.Instance, TimeProvider.System);
    }

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task AScanner_IsRefusedUntilTheAgentsScannerSessionSubscribes_ThenEveryAcknowledgedReadReachesIt()
    {
        var ct = Guard.Token();
        using var scanner = new MqttClientFactory().CreateMqttClient();

        var early = await scanner.ConnectAsync(Options("sc-1", "pw-sc"), ct);

        Assert.Equal(MqttClientConnectResultCode.ServerUnavailable, early.ResultCode);
        Assert.Equal(1, _broker.Counters.RefusedUntilRead);
        Assert.False(_broker.IsRead("scanner"));

        // Another of the agent's sessions reading the whole site does not count: it does not store scanner reads.
        using var presence = new MqttClientFactory().CreateMqttClient();
        await presence.ConnectAsync(Options("edgeagent-handhelds", AgentSecret), ct);
        await presence.SubscribeAsync("dc/site1/#", MqttQualityOfServiceLevel.AtLeastOnce, ct);
        Assert.Equal(MqttClientConnectResultCode.ServerUnavailable, (await scanner.ConnectAsync(Options("sc-1", "pw-sc"), ct)).ResultCode);

        using var agent = new MqttClientFactory().CreateMqttClient();
        var received = new List<string>();
        agent.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add(e.ApplicationMessage.ConvertPayloadToString());
            }

            return Task.CompletedTask;
        };
        await agent.ConnectAsync(Options("edgeagent-scanners", AgentSecret), ct);
        await agent.SubscribeAsync("dc/site1/scanner/+/read", MqttQualityOfServiceLevel.AtLeastOnce, ct);
        while (!_broker.IsRead("scanner"))
        {
            await Task.Delay(5, ct);
        }

        Assert.Equal(MqttClientConnectResultCode.Success, (await scanner.ConnectAsync(Options("sc-1", "pw-sc"), ct)).ResultCode);
        for (var seq = 1; seq <= 20; seq++)
        {
            var result = await scanner.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic("dc/site1/scanner/sc-1/read").WithPayload($"{{\"seq\":{seq}}}")
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                ct);
            Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        }

        while (Count(received) < 20)
        {
            await Task.Delay(5, ct);
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(s => $"{{\"seq\":{s}}}"), Snapshot(received));
        Assert.Equal(2, _broker.Counters.RefusedUntilRead);
    }

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static List<string> Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private MqttClientOptions Options(string clientId, string password) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId(clientId)
            .WithCredentials(clientId, password).WithProtocolVersion(MqttProtocolVersion.V500).Build();
}
