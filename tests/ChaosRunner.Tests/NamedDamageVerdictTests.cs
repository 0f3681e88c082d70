using ChaosRunner;
using CloudBridge.Contract.V1;

namespace ChaosRunner.Tests;

/// <summary>What a damaged store lost and the agent named is counted as said: a second ERP answer, an audit break right at the named loss.</summary>
public sealed class NamedDamageVerdictTests
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

    [Fact]
    public void AnAuditBreak_CountsAsNamed_OnlyAtTheFirstAuditEventAfterANamedAuditLoss()
    {
        var audit = new AuditChainState { Breaks = 2 };
        audit.Alarms.Add(new AuditChainAlarm { Seq = 51, LaneSequence = 59, Problem = "previous-hash mismatch" });
        audit.Alarms.Add(new AuditChainAlarm { Seq = 80, LaneSequence = 90, Problem = "previous-hash mismatch" });

        Assert.Equal(1, Reconciler.BreaksAtNamedAuditLoss(audit, [new NamedLoss("outbox", "audit", HeldThrough: 50, Acknowledged: 58)]));
        Assert.Equal(0, Reconciler.BreaksAtNamedAuditLoss(audit, [new NamedLoss("outbox", "business", HeldThrough: 50, Acknowledged: 58)]));
        Assert.Equal(0, Reconciler.BreaksAtNamedAuditLoss(audit, []));
    }
}
