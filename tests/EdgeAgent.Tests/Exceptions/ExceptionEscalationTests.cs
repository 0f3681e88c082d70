using PrinterFaults = EdgeAgent.Drivers.Printers.PrinterFaults;
using EdgeAgent.Events;
using EdgeAgent.Exceptions;

namespace EdgeAgent.Tests.Exceptions;

public sealed class ExceptionEscalationTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task SlaRunningOut_Escalates_NotBefore_ExactlyAtTheDeadline()
    {
        await using var fx = Fixture();
        await using var sweeper = fx.Sweeper();
        await sweeper.StartAsync(CancellationToken.None);
        await fx.JamAsync("pe-3");

        await AdvanceAsync(fx, sweeper, 4);
        Assert.Equal((0, "maintenance"), (fx.Single().Level, fx.Single().Queue));
        Assert.Empty(fx.Events<ExceptionEscalated>());

        await AdvanceAsync(fx, sweeper, 1);

        var c = fx.Single();
        Assert.Equal((1, "shift-lead", ExceptionStatus.Open), (c.Level, c.Queue, c.Status));
        Assert.Equal(fx.Time.GetUtcNow().UtcDateTime.AddMinutes(5), c.DueAt!.Value.ToUniversalTime());
        Assert.Equal("shift-lead", Assert.Single(fx.Events<ExceptionEscalated>()).To);
    }

    [Fact]
    public async Task ASweepWithNothingDue_WritesNothing_AndOneWithACaseDue_StillEscalates()
    {
        await using var fx = Fixture();
        await using var sweeper = fx.Sweeper();
        await fx.JamAsync("pe-3");
        var before = fx.Store.Stats;

        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(before.GroupsCommitted, fx.Store.Stats.GroupsCommitted);
        Assert.Equal(before.Fsyncs, fx.Store.Stats.Fsyncs);

        fx.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(before.GroupsCommitted + 1, fx.Store.Stats.GroupsCommitted);
        Assert.Equal("shift-lead", Assert.Single(fx.Events<ExceptionEscalated>()).To);
    }

    [Fact]
    public async Task SlaRunningOutAgain_EscalatesUpTheChain_ThenStops()
    {
        await using var fx = Fixture();
        await using var sweeper = fx.Sweeper();
        await sweeper.StartAsync(CancellationToken.None);
        await fx.JamAsync("pe-3");

        await AdvanceAsync(fx, sweeper, 10);
        var c = fx.Single();
        Assert.Equal((2, "operations-manager", null), (c.Level, c.Queue, c.DueAt));

        await AdvanceAsync(fx, sweeper, 30);
        Assert.Equal(2, fx.Events<ExceptionEscalated>().Count);
        Assert.Equal(2, fx.Single().Level);
    }

    [Fact]
    public async Task AcknowledgedException_DoesNotEscalate()
    {
        await using var fx = Fixture();
        await using var sweeper = fx.Sweeper();
        await sweeper.StartAsync(CancellationToken.None);
        await fx.JamAsync("pe-3");

        await fx.Desk.AcknowledgeAsync(fx.Single().Id, "ana", CancellationToken.None);
        await AdvanceAsync(fx, sweeper, 20);

        Assert.Equal((ExceptionStatus.Acknowledged, "ana", 0), (fx.Single().Status, fx.Single().AcknowledgedBy, fx.Single().Level));
    }

    [Fact]
    public async Task Sweeper_AfterTheStoreIsReopened_EscalatesWhatFellDueWhileDown()
    {
        await using var fx = Fixture();
        await fx.JamAsync("pe-3");
        await fx.ReopenAsync();
        fx.Time.Advance(TimeSpan.FromMinutes(7));

        await using var sweeper = fx.Sweeper();
        await sweeper.StartAsync(CancellationToken.None);

        Assert.Equal((1, "shift-lead"), (fx.Single().Level, fx.Single().Queue));
    }

    [Fact]
    public async Task Resolve_WithACode_ClosesIt_AndRecordsTheTimeToResolve()
    {
        await using var fx = Fixture();
        await fx.JamAsync("pe-3");
        fx.Time.Advance(TimeSpan.FromSeconds(90));

        var result = await fx.Desk.ResolveAsync(fx.Single().Id, "fixed", "belt re-tracked", "ana", CancellationToken.None);

        Assert.Equal(DeskOutcome.Done, result.Outcome);
        var c = fx.Single();
        Assert.Equal((ExceptionStatus.Resolved, "fixed", "ana", "belt re-tracked", null), (c.Status, c.ResolutionCode, c.ResolvedBy, c.ResolutionNote, c.OpenKey));
        Assert.Equal(90, Assert.Single(fx.Events<ExceptionResolved>()).ResolutionSeconds);
        Assert.Equal(90, fx.Kpis().ExceptionResolution["maintenance"].MeanSeconds);
    }

    [Fact]
    public async Task List_ByTeam_ShowsItsQueue_AndEscalationsInBothQueues()
    {
        await using var fx = Fixture();
        await using var sweeper = fx.Sweeper();
        await sweeper.StartAsync(CancellationToken.None);
        await fx.PrinterFaultAsync("pr-1", PrinterFaults.PaperOut);
        await fx.JamAsync("pe-3");
        await AdvanceAsync(fx, sweeper, 5);

        Assert.Equal([ExceptionTypes.PaperOut], fx.Desk.List("warehouse", null, 10).Select(c => c.Type));
        Assert.Equal([ExceptionTypes.Jam], fx.Desk.List("maintenance", null, 10).Select(c => c.Type));
        Assert.Equal([ExceptionTypes.Jam], fx.Desk.List("shift-lead", null, 10).Select(c => c.Type));
        Assert.Empty(fx.Desk.List("maintenance", ExceptionStatus.Resolved, 10));
    }

    private static TriageFixture Fixture() => new(o => o.SweepInterval = Tick);

    private static async Task AdvanceAsync(TriageFixture fx, ExceptionSweeper sweeper, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            fx.Time.Advance(Tick);
            await sweeper.LastSweep;
        }
    }
}
