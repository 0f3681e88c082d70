using ChaosRunner;
using CloudBridge.Contract.V1;

namespace ChaosRunner.Tests;

/// <summary>An ERP command answered twice is a duplicate unless the agent named its application lost with a damaged store.</summary>
public sealed class ReanswerTests
{
    private static ChaosResult Result(params NamedLoss[] named) =>
        new([], new Dictionary<string, CommandKind> { ["SO-1"] = CommandKind.OrderRelease }, null, EdgeAuditOk: true, Drained: true)
        {
            NamedLosses = named,
            CommandCursors = new Dictionary<string, long> { ["SO-1"] = 310 },
        };

    [Fact]
    public void ACommandWhoseCursorTheAgentNamedLost_IsAnsweredAgain_NotDuplicated()
    {
        var result = Result(new NamedLoss("downlink", "commands", HeldThrough: 306, Acknowledged: 344));

        Assert.True(Reconciler.AppliedAgainAfterNamedLoss(result, "SO-1"));
    }

    [Fact]
    public void ACommandOutsideTheNamedRange_OrNamedForAnotherDevice_IsStillADuplicate()
    {
        Assert.False(Reconciler.AppliedAgainAfterNamedLoss(Result(new NamedLoss("downlink", "commands", HeldThrough: 310, Acknowledged: 344)), "SO-1"));
        Assert.False(Reconciler.AppliedAgainAfterNamedLoss(Result(new NamedLoss("outbox", "business", HeldThrough: 300, Acknowledged: 344)), "SO-1"));
        Assert.False(Reconciler.AppliedAgainAfterNamedLoss(Result(), "SO-1"));
    }
}
