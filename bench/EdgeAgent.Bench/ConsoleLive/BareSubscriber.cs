using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

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
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("bench-bare-subscriber")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .Build();
        var connected = await subscriber._client.ConnectAsync(options, ct);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"The bare subscriber could not connect: {connected.ResultCode}");
        }

        await subscriber._client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"dc/{site}/handheld/+/event", MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
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
