using EdgeAgent.Events;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Tests.Governance;

namespace EdgeAgent.Tests.Exceptions;

/// <summary>An SLA running out is an exception.escalate decision under the decision-rights matrix.</summary>
public sealed class GovernedEscalationTests
{
    [Fact]
    public async Task Automated_Escalates_WithTheDecisionInTheAuditChain()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await OpenJamAsync(fx);

        await EscalateDueAsync(fx, minutes: 5);

        var c = Case(fx);
        Assert.Equal((1, "shift-lead", (long?)null), (c.Level, c.Queue, c.PendingEscalation));
        var decision = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.ExceptionEscalate);
        Assert.Equal(("execute", "rule:sla-timer"), (decision.Verdict, decision.Method));
        Assert.Equal(decision.Seq, Assert.Single(fx.Events<ExceptionEscalated>()).DecisionSeq);
    }

    [Fact]
    public async Task Assisted_StopsTheTimer_AndTheApprovalEscalates()
    {
        await using var fx = await GovernanceFixture.StartAsync(o => o.Rights[ActionTypes.ExceptionEscalate] = new DecisionRightOptions { Mode = "Assisted" });
        await OpenJamAsync(fx);

        await EscalateDueAsync(fx, minutes: 5);
        var waiting = Case(fx);
        await EscalateDueAsync(fx, minutes: 3);
        var approval = waiting.PendingEscalation!.Value;
        var approved = await fx.Write(db => fx.Desk.Approve(db, approval, "sam", "call the lead"));

        Assert.Equal((0, "maintenance", (DateTime?)null), (waiting.Level, waiting.Queue, waiting.DueAt));
        Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.ExceptionEscalate && r.Verdict == "await-approval");
        Assert.Equal(GovernanceStatus.Ok, approved.Status);
        var c = Case(fx);
        Assert.Equal((1, "shift-lead", (long?)null), (c.Level, c.Queue, c.PendingEscalation));
        Assert.NotNull(c.DueAt);
    }

    [Fact]
    public async Task ApprovingAnEscalationOfAResolvedCase_IsRefused_AndChangesNothing()
    {
        await using var fx = await GovernanceFixture.StartAsync(o => o.Rights[ActionTypes.ExceptionEscalate] = new DecisionRightOptions { Mode = "Assisted" });
        await OpenJamAsync(fx);
        await EscalateDueAsync(fx, minutes: 5);
        var approval = Case(fx).PendingEscalation!.Value;
        await fx.Write(db =>
        {
            ExceptionBook.Resolve(new FloorCollections(db), ExceptionBook.Cases(db).FindAll().Single(), "fixed", null, "ana", fx.Time.GetUtcNow().UtcDateTime);
            return 0;
        });

        var refused = await fx.Write(db => fx.Desk.Approve(db, approval, "sam", null));

        Assert.NotEqual(GovernanceStatus.Ok, refused.Status);
        Assert.Contains("already resolved", refused.Problem, StringComparison.Ordinal);
        Assert.Equal((0, ExceptionStatus.Resolved), (Case(fx).Level, Case(fx).Status));
    }

    [Fact]
    public async Task RejectedEscalation_GivesTheCaseItsTimerBack_SoItEscalatesAgainAfterAnotherSla()
    {
        await using var fx = await GovernanceFixture.StartAsync(o => o.Rights[ActionTypes.ExceptionEscalate] = new DecisionRightOptions { Mode = "Assisted" });
        await OpenJamAsync(fx);
        await EscalateDueAsync(fx, minutes: 5);
        var approval = Case(fx).PendingEscalation!.Value;
        // The desk as the agent composes it: its approval events reach the exception triage in the same write.
        var journal = new FloorJournal([new ExceptionTriage(Microsoft.Extensions.Options.Options.Create(fx.ExceptionOptions))]);
        var desk = new ApprovalDesk(new EdgeAgent.Audit.AuditLog(fx.Time), new GovernedActions([new ExceptionEscalateAction(Microsoft.Extensions.Options.Options.Create(fx.ExceptionOptions))], journal), fx.Time, journal);

        var rejected = await fx.Write(db => desk.Reject(db, approval, "sam", "the lead is on it already"));

        Assert.Equal(GovernanceStatus.Ok, rejected.Status);
        var rearmed = Case(fx);
        Assert.Equal(((long?)null, (DateTime?)(fx.Time.GetUtcNow().UtcDateTime + fx.ExceptionOptions.Types[ExceptionTypes.Jam].Sla), 0), (rearmed.PendingEscalation, rearmed.DueAt, rearmed.Level));
        await EscalateDueAsync(fx, minutes: 5);
        Assert.Equal(2, fx.Audit().Count(r => r.ActionType == ActionTypes.ExceptionEscalate && r.Verdict == "await-approval"));
    }

    [Fact]
    public async Task AcknowledgedCase_StillOpenPastItsResolveBySla_Escalates()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        fx.ExceptionOptions.Types[ExceptionTypes.Jam].ResolveSla = TimeSpan.FromMinutes(20);
        await OpenJamAsync(fx);
        fx.Time.Advance(TimeSpan.FromMinutes(1));
        await fx.Write(db =>
        {
            ExceptionBook.Acknowledge(new FloorCollections(db), ExceptionBook.Cases(db).FindAll().Single(), "ana", fx.Time.GetUtcNow().UtcDateTime);
            return 0;
        });

        await EscalateDueAsync(fx, minutes: 5);
        var withinResolveBy = Case(fx);
        await EscalateDueAsync(fx, minutes: 15);

        Assert.Equal((0, ExceptionStatus.Acknowledged), (withinResolveBy.Level, withinResolveBy.Status));
        Assert.Equal((1, "shift-lead"), (Case(fx).Level, Case(fx).Queue));
        Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.ExceptionEscalate && r.Verdict == "execute");
    }

    [Fact]
    public async Task AcknowledgedCase_WithoutAResolveSla_NeverEscalates()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await OpenJamAsync(fx);
        await fx.Write(db =>
        {
            ExceptionBook.Acknowledge(new FloorCollections(db), ExceptionBook.Cases(db).FindAll().Single(), "ana", fx.Time.GetUtcNow().UtcDateTime);
            return 0;
        });

        await EscalateDueAsync(fx, minutes: 60);

        Assert.Equal((0, (DateTime?)null), (Case(fx).Level, Case(fx).DueAt));
    }

    private static Task<int> OpenJamAsync(GovernanceFixture fx) => fx.Write(db =>
    {
        var journal = new FloorJournal([new ExceptionTriage(Microsoft.Extensions.Options.Options.Create(fx.ExceptionOptions))]);
        ExceptionBook.EnsureIndexes(db);
        new FloorCollections(db, journal).Record(new ConveyorJammed { At = fx.Time.GetUtcNow().UtcDateTime, DeviceId = "pe-3", BlockedSince = fx.Time.GetUtcNow().UtcDateTime });
        return 0;
    });

    private static Task<int> EscalateDueAsync(GovernanceFixture fx, int minutes)
    {
        fx.Time.Advance(TimeSpan.FromMinutes(minutes));
        return fx.Write(db => ExceptionBook.EscalateDue(new FloorCollections(db), fx.ExceptionOptions.Types, fx.Time.GetUtcNow().UtcDateTime, fx.Gate));
    }

    private static ExceptionCase Case(GovernanceFixture fx) => fx.Read(db => ExceptionBook.Cases(db).FindAll().Single());
}
