using CloudBridge.Uplink;

namespace CloudBridge.Edge.Tests;

public sealed class LaneSchedulerTests
{
    [Fact]
    public void AllLanesBusy_HigherPriorityFirst_LowestStillGetsItsShare()
    {
        var scheduler = new LaneScheduler([4, 2, 1]);
        var picks = Enumerable.Range(0, 700).Select(_ => scheduler.Next(_ => true)).ToList();

        Assert.Equal([0, 0, 0, 0, 1, 1, 2], picks.Take(7));
        Assert.Equal(400, picks.Count(p => p == 0));
        Assert.Equal(200, picks.Count(p => p == 1));
        Assert.Equal(100, picks.Count(p => p == 2));
    }

    [Fact]
    public void IdleLanes_DoNotHoldBackBusyOnes()
    {
        var scheduler = new LaneScheduler([4, 2, 1]);
        Assert.All(Enumerable.Range(0, 20).Select(_ => scheduler.Next(i => i == 2)), p => Assert.Equal(2, p));
        Assert.Equal(-1, scheduler.Next(_ => false));
    }
}
