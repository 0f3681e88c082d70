using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Bench;

/// <summary>The bench's bare MQTT references (echo, subscribers): connect to the broker on loopback, subscribe, leave.</summary>
internal static class BareMqtt
{
    /// <summary>Connects <paramref name="client"/> (MQTT 5, clean start) and subscribes it to <paramref name="topicFilter"/> at QoS 1.</summary>
    public static async Task ConnectAndSubscribeAsync(IMqttClient client, int port, string clientId, string topicFilter, CancellationToken ct)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .Build();
        var connected = await client.ConnectAsync(options, ct);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"The bench's bare client {clientId} could not connect: {connected.ResultCode}");
        }

        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
    }

    /// <summary>Says goodbye if still connected and releases the client.</summary>
    public static async ValueTask CloseAsync(IMqttClient client)
    {
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }

        client.Dispose();
    }
}
