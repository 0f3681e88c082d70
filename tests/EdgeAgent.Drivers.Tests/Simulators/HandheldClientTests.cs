using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Tests.Simulators;

public sealed class HandheldClientTests : IAsyncLifetime
{
    private readonly EmbeddedBroker _broker = BrokerHarness.NewEmbeddedBroker();
    private readonly FakeTimeProvider _time = new();
    private IMqttClient _agent = null!;

    public async Task InitializeAsync()
    {
        await _broker.StartAsync(Guard.Token());
        _agent = new MqttClientFactory().CreateMqttClient();
        await _agent.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("fake-agent").WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            Guard.Token());
        await _agent.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter("dc/site1/handheld/+/event", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Guard.Token());
    }

    public async Task DisposeAsync()
    {
        _agent.Dispose();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task WhenThePromptIsLost_TheSameMessageIsResentAfterTheInterval()
    {
        var deliveries = new List<string>();
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _agent.ApplicationMessageReceivedAsync += async e =>
        {
            var payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            int count;
            lock (deliveries)
            {
                deliveries.Add(payload);
                count = deliveries.Count;
            }

            if (count == 1)
            {
                firstSeen.TrySetResult(); // the answer to this one is "lost": never sent
                return;
            }

            await AnswerAsync(e.ApplicationMessage.Topic, ack: 1, "resent and answered");
        };
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(_broker.Port, "HH-1", time: _time);

        var send = handheld.SendAsync(new JsonObject { ["type"] = "scan", ["code"] = "A-01-03" }, Guard.Token());
        await firstSeen.Task.WaitAsync(Guard.Timeout);
        _time.Advance(TimeSpan.FromSeconds(2));
        var prompt = await send.WaitAsync(Guard.Timeout);

        Assert.Equal((1L, "resent and answered"), (prompt.Ack, prompt.Text));
        Assert.Equal(1, handheld.Resends);
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(deliveries[0], deliveries[1]);
        Assert.Equal("{\"v\":1,\"seq\":1,\"type\":\"scan\",\"code\":\"A-01-03\"}", deliveries[0]);
    }

    [Fact]
    public async Task ARedeliveredAnswerForAnOldSeq_IsIgnored()
    {
        _agent.ApplicationMessageReceivedAsync += async e =>
        {
            var seq = System.Text.Json.JsonDocument.Parse(e.ApplicationMessage.Payload.ToArray()).RootElement.GetProperty("seq").GetInt64();
            if (seq == 2)
            {
                await AnswerAsync(e.ApplicationMessage.Topic, ack: 1, "late duplicate of the first answer");
            }

            await AnswerAsync(e.ApplicationMessage.Topic, ack: seq, $"answer {seq}");
        };
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(_broker.Port, "HH-2", time: _time);

        await handheld.SendAsync(new JsonObject { ["type"] = "logout" }, Guard.Token());
        var second = await handheld.SendAsync(new JsonObject { ["type"] = "logout" }, Guard.Token());

        Assert.Equal((2L, "answer 2"), (second.Ack, second.Text));
        Assert.Equal(1, handheld.IgnoredPrompts);
        Assert.Equal(0, handheld.Resends);
    }

    private Task<MqttClientPublishResult> AnswerAsync(string eventTopic, long ack, string text) =>
        _agent.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(eventTopic[..^"event".Length] + "prompt")
                .WithPayload($"{{\"v\":1,\"ack\":{ack},\"kind\":\"no-work\",\"text\":\"{text}\"}}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            CancellationToken.None);
}
