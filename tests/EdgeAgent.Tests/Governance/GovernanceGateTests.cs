using EdgeAgent.Events;
using EdgeAgent.Audit;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;

namespace EdgeAgent.Tests.Governance;

public sealed class GovernanceGateTests
{
    [Fact]
    public async Task AutomatedRight_ConfidentEnough_ExecutesInTheSameWrite_AndAuditsEverything()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();

        var verdict = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Reassign("T-1", "P-2", confidence: 0.9)));

        Assert.Equal(VerdictKind.Execute, verdict.Kind);
        Assert.Equal("P-2", fx.Task("T-1").AssignedTo);
        var record = Assert.Single(fx.Audit());
        Assert.Equal((AuditKind.Decision, "execute", "automated", "default", 0.8, "system"), (record.Kind, record.Verdict, record.Right, record.Scope, record.Threshold!.Value, record.Actor));
        Assert.Equal(("model:rebalancer", "1.0.0", 0.9, "picker.idle P-2"), (record.Method, record.MethodVersion, record.Confidence!.Value, record.Trigger));
        var floorEvent = Assert.Single(fx.Events<DecisionRecorded>());
        Assert.Equal(("task.reassign", DecisionVerdict.Executed, false, record.Seq), (floorEvent.Action, floorEvent.Verdict, floorEvent.LowConfidence, floorEvent.AuditSeq));
        Assert.Equal((record.Method, record.MethodVersion, record.Confidence, record.Threshold), (floorEvent.Method, floorEvent.MethodVersion, floorEvent.Confidence, floorEvent.Threshold));
    }

    [Fact]
    public async Task AutomatedRight_UnderItsThreshold_IsDemotedToAssisted_AndQueuesAnApprovalWithContext()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();

        var verdict = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Reassign("T-1", "P-2", confidence: 0.72)));

        Assert.Equal((VerdictKind.AwaitApproval, true), (verdict.Kind, verdict.LowConfidence));
        Assert.Equal("P-1", fx.Task("T-1").AssignedTo);
        var approval = fx.Approval(verdict.DecisionSeq)!;
        Assert.Equal((ApprovalStatus.Pending, "assisted", true), (approval.Status, approval.Right, approval.LowConfidence));
        Assert.Contains("rebalancer", approval.Context, StringComparison.Ordinal);
        Assert.Contains("SO-1", approval.Context, StringComparison.Ordinal);
        var assisted = Assert.Single(fx.Events<DecisionRecorded>());
        Assert.Equal((DecisionVerdict.AwaitingApproval, true, "assisted"), (assisted.Verdict, assisted.LowConfidence, assisted.Right));
    }

    [Fact]
    public async Task HumanOnlyRight_OnlyRecommends_AndChangesNothingOnTheFloor()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();

        var verdict = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Hold("SO-2")));

        Assert.Equal(VerdictKind.RecommendOnly, verdict.Kind);
        Assert.Null(fx.Approval(verdict.DecisionSeq));
        Assert.Equal(0, fx.Read(db => new FloorCollections(db).Holds.Count()));
        Assert.Equal("recommend-only", Assert.Single(fx.Audit()).Verdict);
        Assert.Equal(DecisionVerdict.RecommendedOnly, Assert.Single(fx.Events<DecisionRecorded>()).Verdict);
    }

    [Fact]
    public async Task MostSpecificMatchingScope_Wins_AndTheAuditRecordNamesIt()
    {
        await using var fx = await GovernanceFixture.StartAsync(o => o.Rights[ActionTypes.OrderHold] = new DecisionRightOptions
        {
            Mode = "HumanOnly",
            Scopes =
            [
                new DecisionScopeOptions { Zone = "A", Mode = "Assisted" },
                new DecisionScopeOptions { Zone = "A", CustomerTier = "gold", Mode = "Automated", MinConfidence = 0.9 },
                new DecisionScopeOptions { CustomerTier = "silver", Mode = "Automated" },
            ],
        });
        await fx.SeedFloorAsync();

        var verdict = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Hold("SO-2", confidence: 0.95)));

        Assert.Equal(VerdictKind.Execute, verdict.Kind);
        Assert.Equal("Zone=A,CustomerTier=gold", verdict.Right.Scope);
        Assert.Equal("Zone=A,CustomerTier=gold", Assert.Single(fx.Audit()).Scope);
        Assert.NotNull(fx.Read(db => new FloorCollections(db).Holds.FindById("SO-2")));
    }

    [Fact]
    public async Task HeldOrder_TasksAreNotAssignable_UntilASupervisorReleasesTheHold()
    {
        await using var fx = await GovernanceFixture.StartAsync(o => o.Rights[ActionTypes.OrderHold] = new DecisionRightOptions { Mode = "Automated" });
        await fx.SeedFloorAsync();
        await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Hold("SO-2")));

        var whileHeld = await fx.Write(db => fx.Assigner.AssignNext(new FloorCollections(db), new PickerSession { Id = "P-2" }, fx.Time.GetUtcNow().UtcDateTime).Assigned?.Task.Id);
        var release = await fx.Write(db => fx.Holds.Release(db, "SO-2", "sam", "stock checked"));
        var afterRelease = await fx.Write(db => fx.Assigner.AssignNext(new FloorCollections(db), new PickerSession { Id = "P-2" }, fx.Time.GetUtcNow().UtcDateTime).Assigned?.Task.Id);

        Assert.Null(whileHeld);
        Assert.Equal(GovernanceStatus.Ok, release.Status);
        Assert.Equal("T-2", afterRelease);
        Assert.Equal(("sam", "released"), (fx.Audit()[^1].Actor, fx.Audit()[^1].Verdict));
    }

    [Theory]
    [InlineData(PauseTarget.Zone, "a")]
    [InlineData(PauseTarget.Action, ActionTypes.TaskReassign)]
    public async Task PausedAutomation_OnlyRecommends_UntilResumed_AndSurvivesARestart(PauseTarget target, string name)
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();
        Assert.Equal(GovernanceStatus.Ok, (await fx.Write(db => fx.Supervision.Pause(db, target, name, "sam", "conveyor down"))).Status);
        await fx.RestartAsync();

        var paused = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Reassign("T-1", "P-2")));
        var again = await fx.Write(db => fx.Supervision.Pause(db, target, name, "kim", null));
        await fx.Write(db => fx.Supervision.Resume(db, target, name, "sam", null));
        var resumed = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Reassign("T-1", "P-2")));

        Assert.Equal((VerdictKind.RecommendOnly, true), (paused.Kind, paused.Paused));
        Assert.Equal(GovernanceStatus.Conflict, again.Status);
        Assert.Contains("sam", again.Problem, StringComparison.Ordinal);
        Assert.Equal(VerdictKind.Execute, resumed.Kind);
        Assert.Single(fx.Events<AutomationPaused>());
        Assert.Single(fx.Events<AutomationResumed>());
        Assert.True(Assert.Single(fx.Events<DecisionRecorded>(), d => d.Verdict == DecisionVerdict.RecommendedOnly).Paused);
    }

    [Fact]
    public async Task Override_OfAnAutomatedDecision_AppliesTheSupervisorsOutcome_AndIsAudited()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();
        var verdict = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Reassign("T-1", "P-2")));

        var result = await fx.Write(db => fx.Supervision.Override(db, verdict.DecisionSeq, "sam", """{"taskId":"T-1","toPicker":null}""", "P-2 is on break"));

        Assert.Equal(GovernanceStatus.Ok, result.Status);
        Assert.Equal((PickTaskStatus.Open, null), (fx.Task("T-1").Status, fx.Task("T-1").AssignedTo));
        var record = fx.Audit()[^1];
        Assert.Equal((AuditKind.HumanAction, "overridden", "sam", verdict.DecisionSeq), (record.Kind, record.Verdict, record.Actor, record.DecisionSeq!.Value));
        Assert.Equal(verdict.DecisionSeq, Assert.Single(fx.Events<DecisionOverridden>()).DecisionSeq);
    }

    [Fact]
    public async Task Override_OfAnUnknownOrNonAutomatedDecision_OrWithAnUnappliableOutcome_ChangesNothing()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();
        var queued = await fx.Write(db => fx.Gate.Decide(db, GovernanceFixture.Reassign("T-1", "P-2", confidence: 0.1)));
        var executed = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Reassign("T-2", null)));
        var before = fx.Audit().Count;

        var unknown = await fx.Write(db => fx.Supervision.Override(db, 999, "sam", """{"taskId":"T-1"}""", null));
        var notAutomated = await fx.Write(db => fx.Supervision.Override(db, queued.DecisionSeq, "sam", """{"taskId":"T-1"}""", null));
        var badTask = await fx.Write(db => fx.Supervision.Override(db, executed.DecisionSeq, "sam", """{"taskId":"T-404"}""", null));

        Assert.Equal((GovernanceStatus.NotFound, GovernanceStatus.Conflict, GovernanceStatus.Invalid), (unknown.Status, notAutomated.Status, badTask.Status));
        Assert.Contains("T-404", badTask.Problem, StringComparison.Ordinal);
        Assert.Equal(before, fx.Audit().Count);
        Assert.Empty(fx.Events<DecisionOverridden>());
    }
}
