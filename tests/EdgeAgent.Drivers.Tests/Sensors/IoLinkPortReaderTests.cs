using System.Text;
using EdgeAgent.Drivers.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Drivers.Tests.Sensors;

public sealed class IoLinkPortReaderTests : IDisposable
{
    private const string Topic = "dc/dc1/iolink/master7/port3";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
    private readonly SensorFeed _feed;
    private readonly IoLinkPortReader _reader;

    public IoLinkPortReaderTests()
    {
        _feed = new SensorFeed(_clock);
        _reader = new IoLinkPortReader(
            new IoLinkOptions
            {
                Site = "dc1",
                Ports =
                [
                    new IoLinkPortOptions { MasterId = "master7", Port = 3, Name = "c3-eye1", Role = SensorRole.PhotoEye, JamAfterMs = 5000 },
                    new IoLinkPortOptions { MasterId = "master7", Port = 4, Name = "dock9-door", Role = SensorRole.DoorSwitch, ActiveLow = true },
                ],
            },
            _feed,
            _clock);
    }

    [Fact]
    public void PortPayload_BecomesTheSameSensorChangedAsAGpioInput()
    {
        Assert.Equal(IoLinkReadResult.Changed, Receive(Topic, """{"v":1,"seq":1,"value":true,"ts":"2026-03-02T06:00:01.250Z"}"""));

        var change = Assert.IsType<SensorChanged>(Assert.Single(Drain()));
        Assert.Equal(new SensorChanged("c3-eye1", SensorRole.PhotoEye, true, new DateTimeOffset(2026, 3, 2, 6, 0, 1, 250, TimeSpan.Zero)), change);
    }

    [Fact]
    public void CyclicRepeatsOfTheSameValue_AreNotReportedAgain()
    {
        Receive(Topic, """{"v":1,"seq":1,"value":1}""");
        Assert.Equal(IoLinkReadResult.Unchanged, Receive(Topic, """{"v":1,"seq":2,"value":1}"""));
        Assert.Equal(IoLinkReadResult.Changed, Receive(Topic, """{"v":1,"seq":3,"value":0}"""));

        Assert.Equal(2, Drain().Count);
    }

    [Fact]
    public void RedeliveredSeq_IsIgnored()
    {
        Receive(Topic, """{"v":1,"seq":5,"value":true}""");

        Assert.Equal(IoLinkReadResult.Duplicate, Receive(Topic, """{"v":1,"seq":5,"value":false}"""));
        Assert.Equal(1, _reader.Counters.Duplicates);
    }

    [Fact]
    public void ActiveLowPort_ReadsFalseAsActive()
    {
        Assert.Equal(IoLinkReadResult.Changed, Receive("dc/dc1/iolink/master7/port4", """{"v":1,"value":false}"""));

        Assert.True(Assert.IsType<SensorChanged>(Assert.Single(Drain())).Active);
    }

    [Fact]
    public void IoLinkEye_BlockedFiveSeconds_IsAJam_LikeAGpioEye()
    {
        Receive(Topic, """{"v":1,"value":true}""");
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(Drain().OfType<JamDetected>());
    }

    [Fact]
    public void MasterClockHoursBehind_DoesNotFireAJamAtOnce()
    {
        Receive(Topic, """{"v":1,"value":true,"ts":"2026-03-02T03:00:00Z"}""");
        _clock.Advance(TimeSpan.FromSeconds(4));

        var change = Assert.IsType<SensorChanged>(Assert.Single(Drain()));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), change.At);
        Assert.Equal(1, _reader.Counters.ClockSkewed);
    }

    [Fact]
    public void CartonWhoseFirstEdgeWaitedInAQueue_KeepsTheDwellTheMasterSaw()
    {
        // The master stamps the carton's edges 60 ms apart; the first reaches the agent 3 s late (a loaded broker or
        // store), the second right behind it. Read through the master's offset, the carton still dwelt 60 ms.
        _clock.Advance(TimeSpan.FromSeconds(3));
        Receive(Topic, """{"v":1,"seq":1,"value":true,"ts":"2026-03-02T06:00:00.000Z"}""");
        _clock.Advance(TimeSpan.FromMilliseconds(5));
        Receive(Topic, """{"v":1,"seq":2,"value":false,"ts":"2026-03-02T06:00:00.060Z"}""");

        var carton = Assert.Single(Drain().OfType<CartonDetected>());
        Assert.Equal(TimeSpan.FromMilliseconds(60), carton.Dwell);
        Assert.Equal(1, _reader.Counters.ClockSkewed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"v":2,"value":true}""")]
    [InlineData("""{"value":true}""")]
    [InlineData("""{"v":1}""")]
    [InlineData("""{"v":1,"value":"on"}""")]
    [InlineData("""{"v":1,"value":7}""")]
    [InlineData("""{"v":1,"value":true,"seq":"x"}""")]
    [InlineData("""{"v":1,"value":true,"ts":"yesterday"}""")]
    [InlineData("""{"v":1,"value":true} trailing""")]
    public void MalformedPayload_IsCountedAndDropped_NeverThrown(string payload)
    {
        Assert.Equal(IoLinkReadResult.Malformed, Receive(Topic, payload));

        Assert.Empty(Drain());
        Assert.Equal(1, _reader.Counters.Malformed);
    }

    [Fact]
    public void OversizedPayload_IsMalformedUnread()
    {
        var huge = """{"v":1,"value":true,"pad":" """ + new string('x', 5000) + "\"}";

        Assert.Equal(IoLinkReadResult.Malformed, Receive(Topic, huge));
    }

    [Theory]
    [InlineData("dc/dc1/iolink/master7/port9", IoLinkReadResult.UnknownPort)]
    [InlineData("dc/dc1/iolink/other/port3", IoLinkReadResult.UnknownPort)]
    [InlineData("dc/dc2/iolink/master7/port3", IoLinkReadResult.NotAPortTopic)]
    [InlineData("dc/dc1/iolink/master7/status", IoLinkReadResult.NotAPortTopic)]
    [InlineData("dc/dc1/iolink/master7/port-1", IoLinkReadResult.NotAPortTopic)]
    public void TopicsThatNameNoMappedPort_AreCounted(string topic, IoLinkReadResult expected)
    {
        Assert.Equal(expected, Receive(topic, """{"v":1,"value":true}"""));
        Assert.Empty(Drain());
    }

    [Fact]
    public void FloodOfGarbage_IsOnlyCounted()
    {
        for (var i = 0; i < 10_000; i++)
        {
            Receive(Topic, "{{{{");
        }

        Assert.Equal(10_000, _reader.Counters.Malformed);
        Assert.Empty(Drain());
    }

    public void Dispose() => _feed.Dispose();

    private IoLinkReadResult Receive(string topic, string payload) => _reader.Receive(topic, Encoding.UTF8.GetBytes(payload));

    private List<SensorEvent> Drain()
    {
        var events = new List<SensorEvent>();
        while (_feed.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }
}
