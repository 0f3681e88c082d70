using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>One QoS 1 message on a topic the consumer does not count, to see that the bridge forwards.</summary>
internal static class ProbePublisher
{
    public static async Task PublishAsync(int port, byte[] payload, CancellationToken ct)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("bench-probe")
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .Build();
        await client.ConnectAsync(options, ct);
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("dc/probe").WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
    }
}
