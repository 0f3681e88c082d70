using System.Globalization;
using System.Text;
using EdgeAgent.Broker;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Tests.Hosting;

/// <summary>
/// A device bursts faster than the agent answers into a small session queue: the broker holds the device's publishes
/// unacknowledged while the agent's queue is half full, so nothing it acknowledged is dropped from that queue.
/// </summary>
public sealed class BrokerBackpressureTests
{
    [Fact]
    public async Task BurstIntoASmallAgentQueue_IsHeldBackAtTheDevice_AndNoAcknowledgedMessageIsDropped()
    {
        var (counters, metrics) = await BurstAsync(null);

        Assert.True(counters.PublishesHeld > 0, "the burst reached the backpressure threshold and was held");
        Assert.Equal(0, counters.Dropped);
        Assert.Contains("edgeagent_broker_held_total", metrics, StringComparison.Ordinal);
    }

    private static async Task<(EdgeAgent.Drivers.Mqtt.EmbeddedBrokerCounters Counters, string Metrics)> BurstAsync(string? percent)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-backpressure-").FullName, "hh-1");
        settings["Broker:MaxPendingMessagesPerSession"] = "100";
        settings["Logging:LogLevel:Default"] = "Warning";
        if (percent is not null)
        {
            settings["Broker:BackpressurePercent"] = percent;
        }

        await using var agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        var broker = agent.Services.GetRequiredService<AgentBroker>();
        using var device = new MqttClientFactory().CreateMqttClient();
        var connected = await device.ConnectAsync(
            new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", agent.BrokerPort)
                .WithClientId("hh-1")
                .WithCredentials("hh-1", RunningAgent.Password("hh-1"))
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .Build(),
            guard.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);

        // Each a login the agent stores and answers; sent all at once, as a device that reconnects with a backlog does.
        var publishes = Enumerable.Range(1, 3000).Select(seq => device.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic("dc/site1/handheld/hh-1/event")
                .WithPayload(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"v\":1,\"seq\":{seq},\"type\":\"login\",\"picker\":\"P-1\"}}")))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            guard.Token)).ToList();
        var results = await Task.WhenAll(publishes);
        await device.DisconnectAsync(cancellationToken: guard.Token);
        var counters = broker.Embedded!.Counters;
        var metrics = await agent.Http.GetStringAsync("/metrics", guard.Token);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ReasonCode.ToString()));
        return (counters, metrics);
    }
}
