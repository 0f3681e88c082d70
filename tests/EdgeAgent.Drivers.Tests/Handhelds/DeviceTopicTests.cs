using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Drivers.Tests.Handhelds;

public sealed class DeviceTopicTests
{
    [Fact]
    public void Parse_ThenFormat_RoundTrips()
    {
        var topic = DeviceTopic.Parse("dc/site1/handheld/HH_01-a/event");

        Assert.Equal(new DeviceTopic("site1", "handheld", "HH_01-a", "event"), topic);
        Assert.Equal("dc/site1/handheld/HH_01-a/event", topic.ToString());
        Assert.Equal("dc/site1/handheld/HH_01-a/prompt", topic.WithChannel("prompt").ToString());
    }

    [Theory]
    [InlineData("dc/site1/handheld/HH-01")]
    [InlineData("dc/site1/handheld/HH-01/event/extra")]
    [InlineData("xx/site1/handheld/HH-01/event")]
    [InlineData("dc/site1/handheld/HH 01/event")]
    [InlineData("dc/site1/handheld//event")]
    [InlineData("dc/site1/handheld/+/event")]
    [InlineData("dc/site.1/handheld/HH-01/event")]
    public void TryParse_RefusesTopicsOutsideTheScheme(string topic)
    {
        Assert.False(DeviceTopic.TryParse(topic, out _));
    }

    [Fact]
    public void Ids_AreLimitedTo64Characters()
    {
        Assert.True(DeviceTopic.TryParse($"dc/s/handheld/{new string('a', 64)}/event", out _));
        Assert.False(DeviceTopic.TryParse($"dc/s/handheld/{new string('a', 65)}/event", out _));
        Assert.Throws<ArgumentException>(() => new DeviceTopic("s", "handheld", "bad/id", "event"));
    }
}
