using System.Threading.Channels;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Drivers.Tests.Infrastructure;
using EdgeAgent.Simulators.Sensors;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeAgent.Drivers.Tests.Sensors;

/// <summary>The rig's IO-Link publisher and the agent's port reader agree on the wire, through a real broker.</summary>
public sealed class IoLinkOverBrokerTests : IAsyncLifetime
{
    private readonly EmbeddedBroker _broker = BrokerHarness.NewEmbeddedBroker();

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task EdgesPublishedByTheRigsMaster_ArriveAsSensorChanges()
    {
        var options = new IoLinkOptions
        {
            Site = "dc1",
            Ports = [new IoLinkPortOptions { MasterId = "m1", Port = 3, Name = "c5-eye1" }],
        };
        using var feed = new SensorFeed(TimeProvider.System);
        var reader = new IoLinkPortReader(options, feed, TimeProvider.System);
        var received = Channel.CreateUnbounded<IoLinkReadResult>();

        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite(reader.Receive(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("agent-iolink").Build(),
            Guard.Token());
        await subscriber.SubscribeAsync(options.TopicFilter, cancellationToken: Guard.Token());

        await using var master = new IoLinkMasterPublisher("127.0.0.1", _broker.Port, "dc1", "m1");
        await master.ConnectAsync(Guard.Token());
        var at = DateTimeOffset.UtcNow;
        await master.PublishAsync(3, true, at, Guard.Token());
        await master.PublishAsync(3, false, at.AddMilliseconds(266), Guard.Token());

        Assert.Equal(IoLinkReadResult.Changed, await received.Reader.ReadAsync(Guard.Token()));
        Assert.Equal(IoLinkReadResult.Changed, await received.Reader.ReadAsync(Guard.Token()));
        var events = new List<SensorEvent>();
        while (feed.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        Assert.Equal([true, false], events.OfType<SensorChanged>().Select(c => c.Active));
        Assert.Equal(TimeSpan.FromMilliseconds(266), Assert.Single(events.OfType<CartonDetected>()).Dwell);
    }
}
