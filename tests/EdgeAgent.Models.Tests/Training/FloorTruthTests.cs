using EdgeAgent.Simulators.Floor;

namespace EdgeAgent.Models.Tests.Training;

public sealed class FloorTruthTests
{
    [Fact]
    public void Samples_WithTheSameSeed_AreTheSame()
    {
        var first = new FloorTruth(new FloorTruthOptions { Seed = 7 });
        var second = new FloorTruth(new FloorTruthOptions { Seed = 7 });

        Assert.Equal(first.Picks(200), second.Picks(200));
        Assert.Equal(first.Orders(200), second.Orders(200));
    }

    [Fact]
    public void Samples_WithAnotherSeed_Differ()
    {
        var first = new FloorTruth(new FloorTruthOptions { Seed = 7 }).Picks(50);
        var second = new FloorTruth(new FloorTruthOptions { Seed = 8 }).Picks(50);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Picks_HigherLevelsAndBulkyItems_TakeLonger()
    {
        var picks = new FloorTruth(new FloorTruthOptions { Seed = 3 }).Picks(20_000);

        double Mean(Func<PickSample, bool> which) => picks.Where(which).Average(p => p.ActualSeconds / p.Quantity);

        Assert.True(Mean(p => p.Level == 4) > Mean(p => p.Level == 1));
        Assert.True(Mean(p => p.Handling == ItemHandling.Bulky) > Mean(p => p.Handling == ItemHandling.Small));
    }

    [Fact]
    public void Orders_WithLessSlack_ShipLateMoreOften()
    {
        var orders = new FloorTruth(new FloorTruthOptions { Seed = 3 }).Orders(20_000);

        var tight = orders.Where(o => o.SlackMinutes < 30).Average(o => o.Late ? 1.0 : 0.0);
        var loose = orders.Where(o => o.SlackMinutes > 180).Average(o => o.Late ? 1.0 : 0.0);

        Assert.True(tight > 0.6 && loose < 0.1, $"late share {tight} with little slack, {loose} with plenty");
    }

    [Fact]
    public void Options_OutOfRange_AreRefused() =>
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new FloorTruth(new FloorTruthOptions { Aisles = 0 }));
}
