using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>The central consumer: a persistent QoS 1 session on dc/#, counting each numbered message once and every repeat as a duplicate.</summary>
internal sealed class DrainSubscriber : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly byte[] _seen;
    private readonly Lock _gate = new();
    private long _received;
    private long _duplicates;
    private long _distinct;
    private long _probes;

    public DrainSubscriber(int expected)
    {
        _seen = new byte[expected];
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public long Received => Interlocked.Read(ref _received);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Distinct => Interlocked.Read(ref _distinct);

    public long Probes => Interlocked.Read(ref _probes);

    /// <summary>Connects without a clean session, so the broker keeps the subscription and queues for it while this client or the broker is away.</summary>
    public async Task ConnectAsync(int port, CancellationToken ct)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("central-consumer")
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(false)
            .Build();
        var connected = await _client.ConnectAsync(options, ct);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"central consumer could not connect: {connected.ResultCode}");
        }

        if (!connected.IsSessionPresent)
        {
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("dc/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        }
    }

    public void Dispose() => _client.Dispose();

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (args.ApplicationMessage.Topic != BacklogPublisher.Topic)
        {
            Interlocked.Increment(ref _probes);
            return Task.CompletedTask;
        }

        int sequence = BacklogPublisher.ReadSequence(args.ApplicationMessage.Payload);
        Interlocked.Increment(ref _received);
        lock (_gate)
        {
            if (_seen[sequence] != 0)
            {
                _duplicates++;
            }
            else
            {
                _seen[sequence] = 1;
                _distinct++;
            }
        }

        return Task.CompletedTask;
    }
}
