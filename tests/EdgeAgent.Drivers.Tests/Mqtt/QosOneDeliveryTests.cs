using System.Buffers;
using System.Buffers.Binary;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace EdgeAgent.Drivers.Tests.Mqtt;

/// <summary>
/// A broker's QoS 1 acknowledgement is not proof of delivery. This measures what the embedded broker
/// loses and shows that resending by sequence number still gets every message through exactly once.
/// </summary>
public sealed class QosOneDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Count = 100_000;
    private const int PayloadBytes = 300;
    private const int MaxInFlight = 500;
    private const string Topic = "dc/site1/bench/pub/event";

    private readonly EmbeddedBroker _broker = BrokerHarness.NewEmbeddedBroker();
    private readonly int[] _deliveries = new int[Count + 1];
    private readonly object _markerLock = new();
    private TaskCompletionSource<long> _marker = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _applied;

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task HundredThousandQos1Messages_AllArriveExactlyOnce_WhenTheMissingAreResentBySequence()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var subscriber = await ConnectAsync("qos-sub", cancel.Token);
        subscriber.ApplicationMessageReceivedAsync += OnReceived;
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel.Token);
        using var publisher = await ConnectAsync("qos-pub", cancel.Token);

        var acknowledged = await PublishAsync(publisher, Enumerable.Range(1, Count).ToList(), cancel.Token);
        await FlushAsync(publisher, round: 1, cancel.Token);
        var missing = Missing();
        var firstPassLost = missing.Count;
        var rounds = 1;
        while (missing.Count > 0)
        {
            rounds++;
            await PublishAsync(publisher, missing, cancel.Token);
            await FlushAsync(publisher, rounds, cancel.Token);
            missing = Missing();
        }

        var duplicates = _deliveries.Sum(d => Math.Max(0, d - 1));
        output.WriteLine($"published {Count} QoS 1 messages of {PayloadBytes} B; broker acknowledged {acknowledged}");
        output.WriteLine($"acknowledged but not delivered on the first pass: {firstPassLost}");
        output.WriteLine($"broker-level duplicates: {duplicates}; rounds until complete: {rounds}");
        Assert.Equal(Count, acknowledged);
        Assert.Equal(Count, Interlocked.Read(ref _applied));
        Assert.All(_deliveries.Skip(1), d => Assert.True(d >= 1));
    }

    private Task OnReceived(MqttApplicationMessageReceivedEventArgs args)
    {
        var payload = args.ApplicationMessage.Payload;
        Span<byte> header = stackalloc byte[16];
        payload.Slice(0, 16).CopyTo(header);
        var seq = BinaryPrimitives.ReadInt64LittleEndian(header);
        if (seq == 0)
        {
            lock (_markerLock)
            {
                _marker.TrySetResult(BinaryPrimitives.ReadInt64LittleEndian(header[8..]));
            }
        }
        else if (Interlocked.Increment(ref _deliveries[seq]) == 1)
        {
            // The application applies a sequence number once, whatever the broker redelivers.
            Interlocked.Increment(ref _applied);
        }

        return Task.CompletedTask;
    }

    // Delivery from one publisher to one subscriber is in order, so once a marker published after a
    // round has arrived, whatever of that round has not arrived is lost. A lost marker is sent again.
    private async Task FlushAsync(IMqttClient publisher, long round, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<long> arrived;
            lock (_markerLock)
            {
                _marker = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived = _marker.Task;
            }

            await publisher.PublishAsync(Message(0, round), cancellationToken);
            try
            {
                if (await arrived.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken) == round)
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
                output.WriteLine($"marker for round {round} lost; sending it again");
            }
        }
    }

    private List<int> Missing() => Enumerable.Range(1, Count).Where(seq => Volatile.Read(ref _deliveries[seq]) == 0).ToList();

    private static async Task<int> PublishAsync(IMqttClient publisher, List<int> sequence, CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(MaxInFlight);
        var acknowledged = 0;
        var pending = new List<Task>(sequence.Count);
        foreach (var seq in sequence)
        {
            await window.WaitAsync(cancellationToken);
            pending.Add(PublishOneAsync(seq));
        }

        await Task.WhenAll(pending);
        return acknowledged;

        async Task PublishOneAsync(int seq)
        {
            try
            {
                if ((await publisher.PublishAsync(Message(seq, 0), cancellationToken)).IsSuccess)
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

    private static MqttApplicationMessage Message(long seq, long round)
    {
        var payload = new byte[PayloadBytes];
        BinaryPrimitives.WriteInt64LittleEndian(payload, seq);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), round);
        return new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }

    private async Task<IMqttClient> ConnectAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            cancellationToken);
        return client;
    }
}
