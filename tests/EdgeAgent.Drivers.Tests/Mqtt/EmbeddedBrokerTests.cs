using System.Text;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Tests.Mqtt;

public sealed class EmbeddedBrokerTests : IAsyncLifetime
{
    private readonly EmbeddedBroker _broker = BrokerHarness.NewEmbeddedBroker();

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public void PortZero_PicksAFreePort_AndExposesIt()
    {
        Assert.True(_broker.IsRunning);
        Assert.NotEqual(0, _broker.Port);
    }

    [Fact]
    public async Task PublishOutsideTheDcNamespace_IsRefusedAsNotAuthorized_CountedAndNotDelivered()
    {
        using var subscriber = await ConnectAsync("sub");
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            first.TrySetResult(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Guard.Token());
        using var publisher = await ConnectAsync("pub");

        var refused = await publisher.PublishAsync(Message("factory/line1/cmd", "{}"), Guard.Token());
        var allowed = await publisher.PublishAsync(Message("dc/site1/handheld/HH-1/event", "{}"), Guard.Token());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
        Assert.True(allowed.IsSuccess);
        Assert.Equal("dc/site1/handheld/HH-1/event", await first.Task.WaitAsync(Guard.Timeout));
        Assert.Equal(new EmbeddedBrokerCounters(1, 0), _broker.Counters);
    }

    [Fact]
    public async Task PayloadOverTheLimit_IsRefused_AndCounted()
    {
        await using var broker = new EmbeddedBroker(
            Microsoft.Extensions.Options.Options.Create(new EmbeddedBrokerOptions { Port = 0, MaxPayloadBytes = 100, Authentication = BrokerAuthentication.Off }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EmbeddedBroker>.Instance,
            TimeProvider.System);
        await broker.StartAsync(Guard.Token());
        using var publisher = await ConnectAsync("pub", broker.Port);

        var result = await publisher.PublishAsync(Message("dc/site1/x/y/z", new string('x', 101)), Guard.Token());

        Assert.False(result.IsSuccess);
        Assert.Equal(1, broker.Counters.RefusedPayloadTooLarge);
    }

    [Fact]
    public async Task LastWill_IsLetThrough_EvenOutsideTheNamespace()
    {
        using var subscriber = await ConnectAsync("sub");
        var will = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            will.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("legacy/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Guard.Token());
        var dying = new MqttClientFactory().CreateMqttClient();
        await dying.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("dying")
                .WithProtocolVersion(MqttProtocolVersion.V500).WithWillTopic("legacy/dying/status").WithWillPayload("gone").Build(),
            Guard.Token());

        dying.Dispose(); // drops the socket without DISCONNECT, as a crash would

        Assert.Equal("gone", await will.Task.WaitAsync(Guard.Timeout));
        Assert.Equal(0, _broker.Counters.RefusedTotal);
    }

    private async Task<IMqttClient> ConnectAsync(string clientId, int? port = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port ?? _broker.Port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            Guard.Token());
        return client;
    }

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
