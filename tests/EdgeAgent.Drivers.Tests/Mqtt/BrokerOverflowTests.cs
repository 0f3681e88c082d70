using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Tests.Mqtt;

/// <summary>A session's queue in the broker never loses an acknowledged message silently.</summary>
public sealed class BrokerOverflowTests
{
    private const string Topic = "dc/site1/handheld/HH-1/event";

    [Fact]
    public async Task BurstOfTwentyThousandQos1_FromOneDevice_AllReachTheAgentsSession_EvenWhenTheAgentPauses()
    {
        const int count = 20_000;
        await using var broker = NewBroker(new EmbeddedBrokerOptions { Port = 0, Authentication = BrokerAuthentication.Off });
        await broker.StartAsync(Guard.Token());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // The agent's session stops reading for the whole burst (a slow disk), then catches up.
        using var agent = await StalledSubscriberAsync(broker.Port, "edgeagent-gw1", cancel.Token);
        using var device = await ConnectAsync(broker.Port, "HH-1", cleanStart: true, cancel.Token);
        var acknowledged = await PublishBurstAsync(device, count, cancel.Token);
        var received = await ReceivePublishesAsync(agent, count, cancel.Token);

        Assert.Equal(count, acknowledged);
        Assert.Equal(0, broker.Counters.Dropped);
        Assert.Equal(count, received);
    }

    // Reads PUBLISH packets (acknowledging QoS 1) until the expected number arrived or the broker goes quiet.
    private static async Task<int> ReceivePublishesAsync(Socket socket, int expected, CancellationToken cancellationToken)
    {
        var received = 0;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var header = new byte[1];
        while (received < expected)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await stream.ReadExactlyAsync(header, quiet.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return received;
            }

            var body = new byte[await ReadRemainingLengthAsync(stream, cancellationToken)];
            await stream.ReadExactlyAsync(body, cancellationToken);
            if ((header[0] & 0xF0) == 0x30)
            {
                received++;
                var topicLength = (body[0] << 8) | body[1];
                if ((header[0] & 0x06) == 0x02)
                {
                    await stream.WriteAsync(new byte[] { 0x40, 2, body[2 + topicLength], body[3 + topicLength] }, cancellationToken);
                }
            }
        }

        return received;
    }

    private static async Task<int> ReadRemainingLengthAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var value = 0;
        var one = new byte[1];
        for (var shift = 0; ; shift += 7)
        {
            await stream.ReadExactlyAsync(one, cancellationToken);
            value |= (one[0] & 0x7F) << shift;
            if ((one[0] & 0x80) == 0)
            {
                return value;
            }
        }
    }

    [Fact]
    public async Task FullSessionQueue_DropsTheOldest_AndCountsEveryDropForThatClient()
    {
        const int count = 5_000;
        var log = new AlarmLog();
        await using var broker = new EmbeddedBroker(
            // Backpressure off: this is the path a publish takes once a hold has run out, or on a site that turned it off.
            Options.Create(new EmbeddedBrokerOptions { Port = 0, Authentication = BrokerAuthentication.Off, MaxPendingMessagesPerSession = 10, BackpressurePercent = 0 }), log, new FakeTimeProvider());
        await broker.StartAsync(Guard.Token());
        var token = Guard.Token();

        // A session that stops reading, as a stalled agent would: its socket fills, then its queue in the broker.
        using var stalled = await StalledSubscriberAsync(broker.Port, "edgeagent-gw1", token);
        using var device = await ConnectAsync(broker.Port, "HH-1", cleanStart: true, token);
        var acknowledged = await PublishBurstAsync(device, count, token, payloadBytes: 4096);

        Assert.Equal(count, acknowledged);
        var dropped = Assert.Single(broker.Counters.DroppedByClient);
        Assert.Equal("edgeagent-gw1", dropped.Key);
        Assert.InRange(dropped.Value, 1, count - 10);
        Assert.Equal(dropped.Value, broker.Counters.Dropped);
        var alarm = Assert.Single(log.Lines, l => l.Level >= LogLevel.Warning); // one alarm per client and minute, however many were dropped
        Assert.Equal(LogLevel.Error, alarm.Level);
        Assert.Contains("edgeagent-gw1", alarm.Text, StringComparison.Ordinal);
    }

    private sealed class AlarmLog : ILogger<EmbeddedBroker>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    // A hand-written MQTT 3.1.1 client that connects, subscribes with QoS 1 to the device's topic and never reads again.
    private static async Task<Socket> StalledSubscriberAsync(int port, string clientId, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] connect = [0x10, (byte)(12 + id.Length), 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 0, 0, (byte)id.Length, .. id];
        var topic = Encoding.UTF8.GetBytes(Topic);
        byte[] subscribe = [0x82, (byte)(5 + topic.Length), 0, 1, 0, (byte)topic.Length, .. topic, 1];
        await socket.SendAsync(connect, cancellationToken);
        await ReadExactlyAsync(socket, 4, cancellationToken); // CONNACK
        await socket.SendAsync(subscribe, cancellationToken);
        await ReadExactlyAsync(socket, 5, cancellationToken); // SUBACK
        return socket;
    }

    private static async Task ReadExactlyAsync(Socket socket, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        for (var read = 0; read < length;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), cancellationToken);
            Assert.NotEqual(0, n);
            read += n;
        }
    }

    private static EmbeddedBroker NewBroker(EmbeddedBrokerOptions options) =>
        new(Options.Create(options), NullLogger<EmbeddedBroker>.Instance, TimeProvider.System);

    private static async Task<int> PublishBurstAsync(IMqttClient device, int count, CancellationToken cancellationToken, int payloadBytes = 300)
    {
        var payload = new byte[payloadBytes];
        var message = new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        using var window = new SemaphoreSlim(500);
        var acknowledged = 0;
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync(cancellationToken);
            pending.Add(PublishOneAsync());
        }

        await Task.WhenAll(pending);
        return acknowledged;

        async Task PublishOneAsync()
        {
            try
            {
                if ((await device.PublishAsync(message, cancellationToken)).IsSuccess)
                {
                    Interlocked.Increment(ref acknowledged);
                }
            }
            finally
            {
                window.Release();
            }
        }
    }

    private static async Task<IMqttClient> ConnectAsync(int port, string clientId, bool cleanStart, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(cleanStart).WithSessionExpiryInterval(cleanStart ? 0u : 300u).Build(),
            cancellationToken);
        return client;
    }
}
