using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;

namespace EdgeAgent.Bench.ConsoleLive;

/// <summary>A bare MQTT client subscribed to every handheld's events: when each (device, seq) reached it, in Unix ms.</summary>
internal sealed class BareSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public ConcurrentDictionary<string, double> Seen { get; } = new(StringComparer.Ordinal);

    public static async Task<BareSubscriber> ConnectAsync(int port, string site, CancellationToken ct)
    {
        var subscriber = new BareSubscriber();
        subscriber._client.ApplicationMessageReceivedAsync += args =>
        {
            var at = ConsoleLiveBenchmark.NowMs();
            var parts = args.ApplicationMessage.Topic.Split('/');
            if (parts.Length == 5 && ReadSeq(args.ApplicationMessage.Payload) is { } seq)
            {
                subscriber.Seen.TryAdd($"{parts[3]}:{seq}", at);
            }

            return Task.CompletedTask;
        };
        await BareMqtt.ConnectAndSubscribeAsync(subscriber._client, port, "bench-bare-subscriber", $"dc/{site}/handheld/+/event", ct);
        return subscriber;
    }

    public ValueTask DisposeAsync() => BareMqtt.CloseAsync(_client);

    private static long? ReadSeq(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("seq") && reader.Read() && reader.TryGetInt64(out var seq))
            {
                return seq;
            }
        }

        return null;
    }
}
