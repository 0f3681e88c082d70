using System.Text;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Presence;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Drivers.Tests.Presence;

public sealed class PresenceTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly PresenceTracker _tracker;

    public PresenceTrackerTests() =>
        _tracker = new PresenceTracker(new PresenceOptions { Heartbeat = TimeSpan.FromSeconds(60), MaxDevices = 3 }, _time);

    [Fact]
    public void RetainedStatusThenLastWill_TrackTheDeviceOnlineThenOffline()
    {
        Observe("dc/site1/handheld/hh-1/status", """{"v":1,"online":true,"battery":81,"app":"2.3.1"}""");
        var online = Assert.Single(_tracker.Snapshot());

        Observe("dc/site1/handheld/hh-1/status", """{"v":1,"online":false}""");
        var offline = Assert.Single(_tracker.Snapshot());

        Assert.True(online.Online);
        Assert.Equal((81, "2.3.1"), (online.Battery, online.AppVersion));
        Assert.False(offline.Online);
        Assert.Equal(81, offline.Battery);
    }

    [Fact]
    public void OnlineDeviceSilentPastItsHeartbeat_IsStale_UntilItIsHeardAgain()
    {
        Observe("dc/site1/handheld/hh-1/status", """{"v":1,"online":true}""");

        _time.Advance(TimeSpan.FromSeconds(61));
        var silent = Assert.Single(_tracker.Snapshot());
        Observe("dc/site1/handheld/hh-1/event", """{"v":1,"seq":1,"type":"logout"}""");
        var heard = Assert.Single(_tracker.Snapshot());

        Assert.True(silent.Stale);
        Assert.False(heard.Stale);
        Assert.Equal(_time.GetUtcNow(), heard.LastSeen);
    }

    [Fact]
    public void OfflineDevice_IsNeverStale()
    {
        Observe("dc/site1/printer/zebra-1/status", """{"v":1,"online":false}""");

        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(Assert.Single(_tracker.Snapshot()).Stale);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"v":1}""")]
    [InlineData("""{"online":"yes"}""")]
    [InlineData("[]")]
    public void UnreadableStatus_IsCounted_AndChangesNothingButLastSeen(string payload)
    {
        Observe("dc/site1/handheld/hh-1/status", """{"v":1,"online":true}""");

        Observe("dc/site1/handheld/hh-1/status", payload);

        Assert.True(Assert.Single(_tracker.Snapshot()).Online);
        Assert.Equal(1, _tracker.BadStatusMessages);
    }

    [Fact]
    public void AFloodOfMadeUpDeviceIds_IsCappedAndCounted()
    {
        for (var i = 0; i < 10; i++)
        {
            Observe($"dc/site1/handheld/fake-{i}/event", "{}");
        }

        Assert.Equal(3, _tracker.Snapshot().Count);
        Assert.Equal(7, _tracker.Overflow);
    }

    private void Observe(string topic, string payload) =>
        _tracker.Observe(DeviceTopic.Parse(topic), Encoding.UTF8.GetBytes(payload));
}
