using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Bench.Ingest;

/// <summary>The ingest reference: a bare MQTTnet client subscribed at QoS 1 that only counts what reaches it.</summary>
internal sealed class CountingSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public static async Task<CountingSubscriber> ConnectAsync(int port, string topicFilter, CancellationToken ct)
    {
        var subscriber = new CountingSubscriber();
        subscriber._client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref subscriber._count);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId($"bench-ingest-subscriber-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .Build();
        var connected = await subscriber._client.ConnectAsync(options, ct);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"The bare subscriber could not connect: {connected.ResultCode}");
        }

        await subscriber._client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }

        _client.Dispose();
    }
}
