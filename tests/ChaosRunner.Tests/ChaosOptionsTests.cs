using ChaosRunner;

namespace ChaosRunner.Tests;

public sealed class ChaosOptionsTests
{
    [Fact]
    public void QuickForm_InjectsEveryFaultKindButTheStoreCut_WithAMinuteOfLoad()
    {
        var options = ChaosOptions.Parse(["--quick", "--seed", "7"], TextWriter.Null)!;

        Assert.Equal(TimeSpan.FromSeconds(60), options.Duration);
        Assert.All(Enum.GetValues<FaultKind>().Where(k => k != FaultKind.StoreTruncate), kind => Assert.True(options.Faults.GetValueOrDefault(kind) >= 1, $"{kind} is not injected by --quick"));
        Assert.Equal(0, options.Faults.GetValueOrDefault(FaultKind.StoreTruncate));
        // The embedded broker's restart and the store damage are SIGKILLs of the agent too.
        Assert.True(options.Faults[FaultKind.AgentKill] + options.Faults[FaultKind.BrokerRestart] + options.Faults[FaultKind.StoreDamage] >= 3, "a few kills");
    }

    [Fact]
    public void FullForm_ScalesWithDuration_AndInjectsAFailingPrinter()
    {
        var options = ChaosOptions.Parse(["--duration", "600"], TextWriter.Null)!;

        Assert.Equal(30, options.Faults[FaultKind.AgentKill]);
        Assert.Equal(5, options.Faults[FaultKind.PrinterFail]);
        Assert.Equal(2, options.Faults[FaultKind.BrokerRestart]);
    }

    [Fact]
    public void FullForm_SqueezesTheQuota_AndCutsTheStoreInHalf()
    {
        var options = ChaosOptions.Parse(["--duration", "600"], TextWriter.Null)!;

        Assert.Equal(5, options.Faults[FaultKind.QuotaSqueeze]);
        Assert.Equal(2, options.Faults[FaultKind.DiskSqueeze]);
        Assert.Equal(2, options.Faults[FaultKind.StoreDamage]);
        Assert.Equal(1, options.Faults[FaultKind.StoreTruncate]);
    }

    [Fact]
    public void ConveyorAndBrokerOptions_AreRead()
    {
        var options = ChaosOptions.Parse(["--quick", "--scanners", "3", "--masters", "1", "--broker", "mosquitto", "--fault", "PrinterFail=4"], TextWriter.Null)!;

        Assert.Equal(3, options.Scanners);
        Assert.Equal(1, options.Masters);
        Assert.True(options.ExternalBroker);
        Assert.Equal(4, options.Faults[FaultKind.PrinterFail]);
    }

    [Theory]
    [InlineData("--broker", "emqx")]
    [InlineData("--scanners", "21")]
    [InlineData("--fault", "PrinterOnFire=1")]
    public void BadArgument_IsRefused_SayingWhy(string name, string value)
    {
        using var error = new StringWriter();

        Assert.Null(ChaosOptions.Parse([name, value], error));
        Assert.NotEmpty(error.ToString());
    }
}
