using MQTTnet;

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
        await BareMqtt.ConnectAndSubscribeAsync(subscriber._client, port, $"bench-ingest-subscriber-{Guid.NewGuid():N}", topicFilter, ct);
        return subscriber;
    }

    public ValueTask DisposeAsync() => BareMqtt.CloseAsync(_client);
}
