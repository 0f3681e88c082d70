using System.Buffers;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>
/// A bare MQTT client that answers every handheld event at once on the device's prompt topic,
/// reading nothing but the seq: the floor under any round trip through the broker.
/// </summary>
internal sealed class EchoResponder : IAsyncDisposable
{
    private const string EventSuffix = "/event";
    private readonly IMqttClient _client;
    private long _failures;

    private EchoResponder(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += OnEventAsync;
    }

    /// <summary>Events that could not be answered; a non-zero count makes the reference invalid.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public static async Task<EchoResponder> ConnectAsync(int port, string site, CancellationToken cancellationToken)
    {
        var responder = new EchoResponder(new MqttClientFactory().CreateMqttClient());
        try
        {
            await BareMqtt.ConnectAndSubscribeAsync(responder._client, port, "bench-echo", $"dc/{site}/handheld/+/event", cancellationToken);
            return responder;
        }
        catch
        {
            await responder.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => BareMqtt.CloseAsync(_client);

    private Task OnEventAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var seq = ReadSeq(args.ApplicationMessage.Payload);
        if (seq is null || !topic.EndsWith(EventSuffix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _failures);
            return Task.CompletedTask;
        }

        // Answered off the receive loop, as the agent's gateway does, so waiting for the PUBACK
        // of one prompt never holds up reading the next handheld's event.
        _ = AnswerAsync(string.Concat(topic.AsSpan(0, topic.Length - EventSuffix.Length), "/prompt"), seq.Value);
        return Task.CompletedTask;
    }

    private async Task AnswerAsync(string promptTopic, long seq)
    {
        var payload = Encoding.UTF8.GetBytes($$"""{"v":1,"ack":{{seq}},"kind":"scan-item","text":"echo"}""");
        try
        {
            var result = await _client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic(promptTopic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                CancellationToken.None);
            if (!result.IsSuccess)
            {
                Interlocked.Increment(ref _failures);
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // Counted, and the run reports the count: a lost answer shows up there and as a resend.
            Interlocked.Increment(ref _failures);
        }
    }

    private static long? ReadSeq(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("seq"u8))
                {
                    return reader.Read() && reader.TryGetInt64(out var seq) ? seq : null;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
