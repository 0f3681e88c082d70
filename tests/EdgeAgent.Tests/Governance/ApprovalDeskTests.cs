using EdgeAgent.Events;
using EdgeAgent.Audit;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;

namespace EdgeAgent.Tests.Governance;

public sealed class ApprovalDeskTests
{
    private static Task<GovernanceFixture> AssistedReassignAsync(string onTimeout = "Reject") =>
        GovernanceFixture.StartAsync(o => o.Rights[ActionTypes.TaskReassign] = new DecisionRightOptions
        {
            Mode = "Assisted",
            ApprovalTimeout = TimeSpan.FromMinutes(10),
            OnTimeout = onTimeout,
        });

    private static async Task<long> QueueAsync(GovernanceFixture fx)
    {
        await fx.SeedFloorAsync();
        var verdict = await fx.Write(db => fx.Gate.DecideAndExecute(db, GovernanceFixture.Reassign("T-1", "P-2")));
        Assert.Equal(VerdictKind.AwaitApproval, verdict.Kind);
        return verdict.DecisionSeq;
    }

    [Fact]
    public async Task Approve_ExecutesTheRecommendation_AsTheSupervisor()
    {
        await using var fx = await AssistedReassignAsync();
        var id = await QueueAsync(fx);

        var result = await fx.Write(db => fx.Desk.Approve(db, id, "sam", null));

        Assert.Equal(GovernanceStatus.Ok, result.Status);
        Assert.Equal("P-2", fx.Task("T-1").AssignedTo);
        Assert.Equal((ApprovalStatus.Approved, "sam"), (fx.Approval(id)!.Status, fx.Approval(id)!.DecidedBy));
        var record = fx.Audit()[^1];
        Assert.Equal((AuditKind.HumanAction, "approved", "sam", id), (record.Kind, record.Verdict, record.Actor, record.DecisionSeq!.Value));
        Assert.Equal(ApprovalOutcome.Approved, Assert.Single(fx.Events<ApprovalDecided>()).Outcome);
    }

    [Fact]
    public async Task Reject_LeavesTheFloorAsItWas_AndRecordsTheReason()
    {
        await using var fx = await AssistedReassignAsync();
        var id = await QueueAsync(fx);

        await fx.Write(db => fx.Desk.Reject(db, id, "sam", "P-2 is trained for zone B only"));

        Assert.Equal("P-1", fx.Task("T-1").AssignedTo);
        Assert.Equal(ApprovalStatus.Rejected, fx.Approval(id)!.Status);
        Assert.Contains("zone B only", fx.Audit()[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(ApprovalOutcome.Rejected, Assert.Single(fx.Events<ApprovalDecided>()).Outcome);
    }

    [Fact]
    public async Task Edit_ExecutesTheChangedOutcome_AndAnOutcomeTheExecutorRefusesChangesNothing()
    {
        await using var fx = await AssistedReassignAsync();
        var id = await QueueAsync(fx);
        var auditBefore = fx.Audit().Count;

        var refused = await fx.Write(db => fx.Desk.Edit(db, id, "sam", """{"taskId":"T-1","toPicker":"P-9"}""", null));
        Assert.Equal(GovernanceStatus.Invalid, refused.Status);
        Assert.Contains("P-9", refused.Problem, StringComparison.Ordinal);
        Assert.Equal((auditBefore, ApprovalStatus.Pending), (fx.Audit().Count, fx.Approval(id)!.Status));

        var edited = await fx.Write(db => fx.Desk.Edit(db, id, "sam", """{"taskId":"T-1","toPicker":null}""", "back to the pool"));

        Assert.Equal(GovernanceStatus.Ok, edited.Status);
        Assert.Equal(PickTaskStatus.Open, fx.Task("T-1").Status);
        Assert.Equal((ApprovalStatus.Edited, "edited"), (fx.Approval(id)!.Status, fx.Audit()[^1].Verdict));
        Assert.Equal(ApprovalOutcome.Edited, Assert.Single(fx.Events<ApprovalDecided>()).Outcome);
    }

    [Fact]
    public async Task SecondDecision_OnADecidedApproval_IsAConflictNamingWhoAndWhen_AndChangesNothing()
    {
        await using var fx = await AssistedReassignAsync();
        var id = await QueueAsync(fx);
        await fx.Write(db => fx.Desk.Approve(db, id, "sam", null));
        var auditBefore = fx.Audit().Count;

        var second = await fx.Write(db => fx.Desk.Reject(db, id, "kim", "too late"));
        var unknown = await fx.Write(db => fx.Desk.Approve(db, 4242, "kim", null));

        Assert.Equal(GovernanceStatus.Conflict, second.Status);
        Assert.Contains("Approved by sam at 2026-11-25T08:00:00", second.Problem, StringComparison.Ordinal);
        Assert.Equal(GovernanceStatus.NotFound, unknown.Status);
        Assert.Equal(auditBefore, fx.Audit().Count);
        Assert.Equal("P-2", fx.Task("T-1").AssignedTo);
    }

    [Fact]
    public async Task Approval_NobodyDecides_TimesOutToTheDefault_WhenTheFakeClockPassesItsDeadline()
    {
        await using var fx = await AssistedReassignAsync();
        var id = await QueueAsync(fx);

        fx.Time.Advance(TimeSpan.FromMinutes(9));
        await fx.Sweeper.CurrentSweep;
        Assert.Equal(ApprovalStatus.Pending, fx.Approval(id)!.Status);

        fx.Time.Advance(TimeSpan.FromMinutes(1));
        await fx.Sweeper.CurrentSweep;

        Assert.Equal(ApprovalStatus.TimedOut, fx.Approval(id)!.Status);
        Assert.Equal("P-1", fx.Task("T-1").AssignedTo);
        var record = fx.Audit()[^1];
        Assert.Equal(("timed-out", "system", id), (record.Verdict, record.Actor, record.DecisionSeq!.Value));
        Assert.Contains("default Reject", record.Reason, StringComparison.Ordinal);
        Assert.Equal(ApprovalOutcome.TimedOut, Assert.Single(fx.Events<ApprovalDecided>()).Outcome);
    }

    [Fact]
    public async Task Approval_WithApproveOnTimeout_ExecutesTheRecommendation_WhenItTimesOut()
    {
        await using var fx = await AssistedReassignAsync(onTimeout: "Approve");
        var id = await QueueAsync(fx);

        fx.Time.Advance(TimeSpan.FromMinutes(10));
        await fx.Sweeper.CurrentSweep;

        Assert.Equal("P-2", fx.Task("T-1").AssignedTo);
        Assert.Contains("default Approve", fx.Audit()[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingApproval_StillTimesOut_AfterTheAgentRestarts()
    {
        await using var fx = await AssistedReassignAsync();
        var id = await QueueAsync(fx);

        await fx.RestartAsync();
        fx.Time.Advance(TimeSpan.FromMinutes(10));
        await fx.Sweeper.CurrentSweep;

        Assert.Equal(ApprovalStatus.TimedOut, fx.Approval(id)!.Status);
        Assert.True(fx.Read(AuditVerifier.Verify).Intact);
    }

    [Fact]
    public async Task ApprovalOverdueDuringADowntime_TimesOut_AsSoonAsTheAgentStarts()
    {
        await using var fx = await AssistedReassignAsync();
        var id = await QueueAsync(fx);
        await fx.Sweeper.StopAsync(CancellationToken.None);

        fx.Time.Advance(TimeSpan.FromHours(1));
        await fx.RestartAsync();
        await fx.Sweeper.CurrentSweep;

        Assert.Equal(ApprovalStatus.TimedOut, fx.Approval(id)!.Status);
    }
}
