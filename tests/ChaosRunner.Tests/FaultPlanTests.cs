using ChaosRunner;

namespace ChaosRunner.Tests;

public sealed class FaultPlanTests
{
    private static readonly Dictionary<FaultKind, int> OneOfEach = Enum.GetValues<FaultKind>().ToDictionary(k => k, _ => 1);

    [Fact]
    public void SameSeed_GivesTheSamePlan()
    {
        var first = FaultPlan.Create(7, TimeSpan.FromSeconds(60), OneOfEach, quick: true);
        var second = FaultPlan.Create(7, TimeSpan.FromSeconds(60), OneOfEach, quick: true);

        Assert.Equal(first, second);
        Assert.Equal(Enum.GetValues<FaultKind>().Length, first.Count);
    }

    [Fact]
    public void QuickPlan_LandsEarlier_AndHoldsHalfAsLong()
    {
        var duration = TimeSpan.FromSeconds(60);
        var quick = FaultPlan.Create(7, duration, OneOfEach, quick: true);
        var full = FaultPlan.Create(7, duration, OneOfEach);

        Assert.All(quick, f => Assert.InRange(f.At.TotalSeconds, 3, 36));
        Assert.All(full, f => Assert.InRange(f.At.TotalSeconds, 6, 45));
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            Assert.Equal(full.Single(f => f.Kind == kind).Hold / 2, quick.Single(f => f.Kind == kind).Hold);
        }
    }
}
