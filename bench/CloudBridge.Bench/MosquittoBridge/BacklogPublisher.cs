using System.Buffers;
using System.Buffers.Binary;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>Publishes numbered QoS 1 messages to a broker with a bounded number awaiting their PUBACK, and counts the acknowledged ones.</summary>
internal static class BacklogPublisher
{
    public const string Topic = "dc/bench/events";

    public static async Task<long> PublishAsync(int port, int count, byte[] template, int maxInFlight, CancellationToken ct)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("bench-publisher")
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .Build();
        await client.ConnectAsync(options, ct);
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        long acked = 0;
        for (int sequence = 0; sequence < count; sequence++)
        {
            await slots.WaitAsync(ct);
            _ = PublishOneAsync(client, Payload(template, sequence), slots, () => Interlocked.Increment(ref acked), ct);
        }

        // Every slot back means every publish has its answer.
        for (int i = 0; i < maxInFlight; i++)
        {
            await slots.WaitAsync(ct);
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        return Interlocked.Read(ref acked);
    }

    public static int ReadSequence(ReadOnlySequence<byte> payload)
    {
        Span<byte> head = stackalloc byte[4];
        payload.Slice(0, 4).CopyTo(head);
        return BinaryPrimitives.ReadInt32LittleEndian(head);
    }

    private static byte[] Payload(byte[] template, int sequence)
    {
        var payload = (byte[])template.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(payload, sequence);
        return payload;
    }

    private static async Task PublishOneAsync(IMqttClient client, byte[] payload, SemaphoreSlim slots, Action onAcked, CancellationToken ct)
    {
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(Topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await client.PublishAsync(message, ct);
            if (result.IsSuccess)
            {
                onAcked();
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // Not acknowledged: the run compares the acked count with the count sent and refuses to measure a short backlog.
            Console.Error.WriteLine($"publish failed: {ex.Message}");
        }
        finally
        {
            slots.Release();
        }
    }
}
