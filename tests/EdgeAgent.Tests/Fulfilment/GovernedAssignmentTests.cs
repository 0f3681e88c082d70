using EdgeAgent.Events;
using EdgeAgent.Audit;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Planning;
using EdgeAgent.Tests.Governance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Fulfilment;

/// <summary>A picker's next task as a governed task.assign decision, through the pick loop with a real gate and store.</summary>
public sealed class GovernedAssignmentTests
{
    private readonly PlanBoard _board = new();
    private long _seq;

    [Fact]
    public async Task Automated_HandsTheTaskOut_WithOneAuditedDecision()
    {
        await using var fx = await StartAsync();

        var prompt = await SendLoginAsync(fx);

        Assert.Equal(("T-1", PromptKind.GoToLocation), (prompt.Task?.Id, prompt.Kind));
        var decision = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign);
        Assert.Equal(("execute", "rule:earliest-cutoff-nearest", 1.0), (decision.Verdict, decision.Method, decision.Confidence));
        Assert.Contains("\"taskId\":\"T-1\"", decision.Outcome, StringComparison.Ordinal);
        Assert.Equal(DecisionVerdict.Executed, Assert.Single(fx.Events<DecisionRecorded>()).Verdict);
        Assert.Equal(decision.Seq, Assert.Single(fx.Events<TaskAssigned>()).DecisionSeq);
    }

    [Fact]
    public async Task ModelPickUnderTheThreshold_GivesWayToTheRule_AndTheRecordSaysWhy()
    {
        await using var fx = await StartAsync();
        _board.Publish(Plan(("P-1", "T-2", 0.3)));

        var prompt = await SendLoginAsync(fx);

        Assert.Equal("T-1", prompt.Task?.Id);
        var decision = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign);
        Assert.True(decision.Fallback);
        Assert.Contains("model unsure: confidence 0.30 under the threshold 0.50", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfidentModelPick_IsHandedOut_WithThePrediction()
    {
        await using var fx = await StartAsync();
        _board.Publish(Plan(("P-1", "T-2", 0.9)));

        var prompt = await SendLoginAsync(fx);

        Assert.Equal("T-2", prompt.Task?.Id);
        Assert.Equal(75.0, fx.Task("T-2").PredictedSeconds);
        Assert.Equal("model:rebalancer", Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign).Method);
    }

    [Fact]
    public async Task PausedZone_ThePickerGetsWorkFromAnotherZone_Automatically()
    {
        await using var fx = await StartAsync();
        await fx.Write(db => fx.Supervision.Pause(db, PauseTarget.Zone, "A", "sam", "re-slotting aisle A"));

        var prompt = await SendLoginAsync(fx);

        Assert.Equal("T-2", prompt.Task?.Id);
        Assert.Equal("execute", Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign).Verdict);
    }

    [Fact]
    public async Task PausedZone_WithNoOtherWork_PickerWaitsWithTheSuggestion_UntilTheSupervisorAssigns()
    {
        await using var fx = await StartAsync();
        await PauseZonesAAndBAsync(fx);

        var waiting = await SendLoginAsync(fx);
        var again = await SendLoginAsync(fx);
        var decision = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign);
        var byHand = await fx.Write(db => fx.Supervision.Override(db, decision.Seq, "sam", """{"taskId":"T-1","toPicker":"P-1"}""", "assigned at the desk"));
        var resumed = await SendLoginAsync(fx);

        Assert.Equal(PromptKind.NoWork, waiting.Kind);
        Assert.Contains("Automation is off for zone A", waiting.Text, StringComparison.Ordinal);
        Assert.Contains("suggested T-1 at A-01-1", waiting.Text, StringComparison.Ordinal);
        Assert.Equal(PromptKind.NoWork, again.Kind);
        Assert.Equal("recommend-only", decision.Verdict);
        Assert.Equal(GovernanceStatus.Ok, byHand.Status);
        Assert.Equal("T-1", resumed.Task?.Id);
        Assert.Equal(Supervision.ExecutedByHandVerdict, fx.Audit().Last().Verdict);
        Assert.Single(fx.Events<DecisionExecutedByHand>());
        Assert.Empty(fx.Events<DecisionOverridden>());
    }

    [Fact]
    public async Task AssistedRight_QueuesOneApproval_AndTheApprovalHandsTheTaskOut()
    {
        await using var fx = await StartAsync(o => o.Rights[ActionTypes.TaskAssign] = new DecisionRightOptions { Mode = "Assisted" });

        var waiting = await SendLoginAsync(fx);
        await SendLoginAsync(fx);
        var approvalId = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign).Seq;
        var approved = await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));
        var resumed = await SendLoginAsync(fx);

        Assert.Contains("waits for a supervisor's approval", waiting.Text, StringComparison.Ordinal);
        Assert.Equal(GovernanceStatus.Ok, approved.Status);
        Assert.Equal("T-1", resumed.Task?.Id);
        Assert.Equal(("P-1", PickTaskStatus.Assigned), (fx.Task("T-1").AssignedTo, fx.Task("T-1").Status));
    }

    [Fact]
    public async Task RejectedApproval_TheNextMessageDecidesAfresh()
    {
        await using var fx = await StartAsync(o => o.Rights[ActionTypes.TaskAssign] = new DecisionRightOptions { Mode = "Assisted" });
        await SendLoginAsync(fx);
        var first = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign).Seq;

        await fx.Write(db => fx.Desk.Reject(db, first, "sam", "not now"));
        await SendLoginAsync(fx);

        Assert.Equal(2, fx.Audit().Count(r => r.ActionType == ActionTypes.TaskAssign && r.Kind == AuditKind.Decision));
        Assert.Equal(ApprovalStatus.Pending, Assert.Single(fx.Read(db => new GovernanceCollections(db).Approvals.Find(a => a.Status == ApprovalStatus.Pending).ToList())).Status);
    }

    [Fact]
    public async Task ApprovedAssignment_IsPushedToTheWaitingPicker_AndARedeliveryGetsTheSameScreen()
    {
        await using var fx = await StartAsync(o => o.Rights[ActionTypes.TaskAssign] = new DecisionRightOptions { Mode = "Assisted" });
        await SendLoginAsync(fx);
        var nothingYet = await RefreshAsync(fx);
        var approvalId = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskAssign).Seq;
        await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));

        var pushed = Assert.Single(await RefreshAsync(fx));
        var again = await RefreshAsync(fx);
        var redelivered = await ResendLastAsync(fx);

        Assert.Empty(nothingYet);
        Assert.Equal(("hh-1", PromptKind.GoToLocation, "T-1", 1L, _seq), (pushed.DeviceId, pushed.Prompt.Kind, pushed.Prompt.Task?.Id, pushed.Prompt.Push, pushed.Prompt.Ack));
        Assert.Empty(again);
        Assert.Equal(pushed.Prompt, redelivered);
    }

    [Fact]
    public async Task TaskMovedAway_ThePickerIsToldAtOnce_AndGetsTheNextTask()
    {
        await using var fx = await StartAsync();
        var first = await SendLoginAsync(fx);
        // Aisle A is closed under the picker's feet: the supervisor puts T-1 back in the pool.
        await fx.Write(db => new FloorCollections(db).Blocks.Insert(new FloorBlock { Id = FloorBlock.Key(false, "A"), Name = "A", BlockedBy = "sam" }));
        await fx.Write(db => new TaskReassignAction().Apply(db, Execution(fx, """{"taskId":"T-1","toPicker":null}""")));

        var pushed = Assert.Single(await RefreshAsync(fx));

        Assert.Equal("T-1", first.Task?.Id);
        Assert.Equal((PromptKind.GoToLocation, "T-2"), (pushed.Prompt.Kind, pushed.Prompt.Task?.Id));
        Assert.StartsWith("Task T-1 was moved", pushed.Prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkReleasedWhileThePickerWaited_IsPushed_ButAnIdlePickerWithNothingNewIsLeftAlone()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        var idle = await SendLoginAsync(fx);
        var nothing = await RefreshAsync(fx);
        await fx.Write(db => TaskIntake.AddNew(db, [new NewPickTask("T-9", "A-02-1", "SKU-9", 2, fx.Time.GetUtcNow().AddMinutes(20), OrderId: "SO-9")], fx.Time.GetUtcNow().UtcDateTime));

        var pushed = Assert.Single(await RefreshAsync(fx));

        Assert.Equal(PromptKind.NoWork, idle.Kind);
        Assert.Empty(nothing);
        Assert.Equal(("T-9", 1L), (pushed.Prompt.Task?.Id, pushed.Prompt.Push));
        Assert.Equal(("P-1", PickTaskStatus.Assigned), (fx.Task("T-9").AssignedTo, fx.Task("T-9").Status));
    }

    [Fact]
    public async Task PausedZone_APickerWaitingForTheSupervisor_IsPushedWorkReleasedInAnotherZone()
    {
        await using var fx = await StartAsync();
        await PauseZonesAAndBAsync(fx);
        var waiting = await SendLoginAsync(fx);

        await ReleaseAsync(fx, ("T-9", "C-03-1", "SKU-9"));
        var pushed = Assert.Single(await RefreshAsync(fx));

        Assert.Contains("Automation is off for zone A", waiting.Text, StringComparison.Ordinal);
        Assert.Equal((PromptKind.GoToLocation, "T-9"), (pushed.Prompt.Kind, pushed.Prompt.Task?.Id));
        Assert.Equal(("P-1", PickTaskStatus.Assigned), (fx.Task("T-9").AssignedTo, fx.Task("T-9").Status));
        Assert.Equal(PickTaskStatus.Open, fx.Task("T-1").Status);
    }

    [Fact]
    public async Task WaitingForAnApproval_ThePickerTakesWorkTheAgentMayHandOut_AndTheApprovalReplacesItOnTheirWay()
    {
        await using var fx = await GovernanceFixture.StartAsync(AssistedInZoneA);
        await ReleaseAsync(fx, ("T-1", "A-01-1", "SKU-1"));
        var waiting = await SendLoginAsync(fx);
        var approvalId = Assert.Single(Approvals(fx)).Id;

        await ReleaseAsync(fx, ("T-9", "B-02-1", "SKU-9"));
        var meanwhile = Assert.Single(await RefreshAsync(fx));
        var approved = await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));
        var given = Assert.Single(await RefreshAsync(fx));

        Assert.Contains("waits for a supervisor's approval", waiting.Text, StringComparison.Ordinal);
        Assert.Equal((PromptKind.GoToLocation, "T-9"), (meanwhile.Prompt.Kind, meanwhile.Prompt.Task?.Id));
        Assert.Equal(GovernanceStatus.Ok, approved.Status);
        Assert.Equal((PromptKind.GoToLocation, "T-1"), (given.Prompt.Kind, given.Prompt.Task?.Id));
        Assert.Equal(("P-1", PickTaskStatus.Assigned), (fx.Task("T-1").AssignedTo, fx.Task("T-1").Status));
        Assert.Equal((null, PickTaskStatus.Open), (fx.Task("T-9").AssignedTo, fx.Task("T-9").Status));
        var putBack = Assert.Single(fx.Events<TaskReassigned>(), e => e.TaskId == "T-9");
        Assert.Equal(("P-1", null, approvalId, "sam"), (putBack.FromPickerId, putBack.ToPickerId, putBack.DecisionSeq, putBack.Actor));
        Assert.Contains("T-9, given while they waited, went back to the pool", fx.Audit().Last().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovedWhileThePickerIsAtThePickFaceOfOtherWork_TheTaskIsTheirsAtOnce_AndTheirNextWhenItIsDone()
    {
        await using var fx = await GovernanceFixture.StartAsync(AssistedInZoneA);
        var approvalId = await WaitingForT1_ThenAtThePickFaceOfT9Async(fx);

        var approved = await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));
        var nothingToPush = await RefreshAsync(fx);
        var reserved = fx.Task("T-1");
        var item = await SendAsync(HandheldMessageType.Scan, fx, code: "SKU-9");
        var done = await SendAsync(HandheldMessageType.Confirm, fx, qty: 1);

        Assert.Equal(GovernanceStatus.Ok, approved.Status);
        Assert.Contains("task T-1 is P-1's next, once they finish T-9 (at its pick face now)", fx.Audit().Last().Reason, StringComparison.Ordinal);
        Assert.Empty(nothingToPush);
        Assert.Equal(("P-1", PickTaskStatus.Assigned), (reserved.AssignedTo, reserved.Status));
        Assert.Equal((PromptKind.EnterQuantity, "T-9"), (item.Kind, item.Task?.Id));
        Assert.Equal(PickTaskStatus.Picked, fx.Task("T-9").Status);
        Assert.Equal((PromptKind.GoToLocation, "T-1"), (done.Kind, done.Task?.Id));
        Assert.Contains("approved by your supervisor", done.Text, StringComparison.Ordinal);
        var given = Assert.Single(fx.Events<TaskReassigned>());
        Assert.Equal(("T-1", null, "P-1", approvalId), (given.TaskId, given.FromPickerId, given.ToPickerId, given.DecisionSeq));
        Assert.DoesNotContain(fx.Events<TaskAssigned>(), e => e.TaskId == "T-1");
        Assert.Single(Approvals(fx));
    }

    [Fact]
    public async Task APickerWhoLogsOutWithADecidedNextTask_GivesItBackToThePool()
    {
        await using var fx = await GovernanceFixture.StartAsync(AssistedInZoneA);
        var approvalId = await WaitingForT1_ThenAtThePickFaceOfT9Async(fx);
        await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));

        await SendAsync(HandheldMessageType.Logout, fx);

        Assert.Equal((null, PickTaskStatus.Open), (fx.Task("T-1").AssignedTo, fx.Task("T-1").Status));
        Assert.Equal((null, PickTaskStatus.Open), (fx.Task("T-9").AssignedTo, fx.Task("T-9").Status));
    }

    [Fact]
    public async Task APickerWhoseHandheldGoesOfflineWithADecidedNextTask_TheWatchPutsThatTaskBackInThePoolToo()
    {
        await using var fx = await GovernanceFixture.StartAsync(AssistedInZoneA);
        var approvalId = await WaitingForT1_ThenAtThePickFaceOfT9Async(fx);
        await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));
        var presence = new PresenceTracker(new PresenceOptions(), fx.Time);
        presence.Observe(DeviceTopic.Parse("dc/site1/handheld/hh-1/status"), """{"online":false}"""u8);
        var watch = new ReassignWatch(
            fx.Store, fx.Gate, FloorJournal.Standalone, Options.Create(new ReassignOptions { AbsentAfterSeconds = 0 }), Options.Create(new PickerOptions()),
            Options.Create(new PlanningOptions()), fx.Time, NullLogger<ReassignWatch>.Instance, presence);

        var verdicts = await watch.SweepAsync(CancellationToken.None);
        var again = await watch.SweepAsync(CancellationToken.None);

        Assert.Equal([VerdictKind.Execute, VerdictKind.Execute], verdicts.Select(v => v.Kind));
        Assert.Empty(again);
        Assert.Equal((null, PickTaskStatus.Open), (fx.Task("T-9").AssignedTo, fx.Task("T-9").Status));
        Assert.Equal((null, PickTaskStatus.Open), (fx.Task("T-1").AssignedTo, fx.Task("T-1").Status));
        Assert.Null(fx.Read(db => new FloorCollections(db).Pickers.FindById("P-1")).AwaitingDecision);
        var next = Assert.Single(fx.Audit(), r => r.ActionType == ActionTypes.TaskReassign && r.Trigger!.Contains("task T-1", StringComparison.Ordinal));
        Assert.Equal("picker-absent P-1 on hh-1, task T-1 (their next, decided by sam)", next.Trigger);
        Assert.Contains(fx.Events<TaskReassigned>(), e => (e.TaskId, e.FromPickerId, e.ToPickerId) == ("T-1", "P-1", null));
    }

    [Fact]
    public async Task AnApprovalForAPickerWhoLoggedOut_IsRefusedWithTheReason_AndStaysOpenForAnEdit()
    {
        await using var fx = await GovernanceFixture.StartAsync(AssistedInZoneA);
        var approvalId = await WaitingForT1Async(fx);
        await SendAsync(HandheldMessageType.Logout, fx);
        await SendLoginAsync(fx, "hh-2", "P-2");

        var refused = await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));
        var edited = await fx.Write(db => fx.Desk.Edit(db, approvalId, "sam", """{"taskId":"T-1","toPicker":"P-2"}""", "P-1 went home"));

        Assert.Equal(GovernanceStatus.Conflict, refused.Status);
        Assert.Equal("The recommendation can no longer be applied: picker P-1 is not logged in. Reject it or edit the outcome.", refused.Problem);
        Assert.Equal(GovernanceStatus.Ok, edited.Status);
        Assert.Equal(("P-2", PickTaskStatus.Assigned), (fx.Task("T-1").AssignedTo, fx.Task("T-1").Status));
    }

    [Fact]
    public async Task WaitingForAnApproval_WhoseTaskWentToAnotherPicker_EndsTheWait()
    {
        await using var fx = await GovernanceFixture.StartAsync(AssistedInZoneA);
        var approvalId = await WaitingForT1Async(fx);
        await SendLoginAsync(fx, "hh-2", "P-2");
        await fx.Write(db => new TaskReassignAction().Apply(db, Execution(fx, """{"taskId":"T-1","toPicker":"P-2"}""")));

        var again = await SendLoginAsync(fx);
        var late = await fx.Write(db => fx.Desk.Approve(db, approvalId, "sam", null));

        Assert.Equal(("P-2", PickTaskStatus.Assigned), (fx.Task("T-1").AssignedTo, fx.Task("T-1").Status));
        Assert.Equal(PromptKind.NoWork, again.Kind);
        Assert.DoesNotContain("T-1", again.Text, StringComparison.Ordinal);
        Assert.Equal(GovernanceStatus.Conflict, late.Status);
        Assert.Contains("task T-1 is no longer open (Assigned to P-2)", late.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATaskOnePickerWaitsForApprovalOf_IsNotPutToASecondPicker()
    {
        await using var fx = await GovernanceFixture.StartAsync(AssistedInZoneA);
        await ReleaseAsync(fx, ("T-1", "A-01-1", "SKU-1"), ("T-2", "A-05-1", "SKU-2"));
        var first = await SendLoginAsync(fx);
        var second = await SendLoginAsync(fx, "hh-2", "P-2");
        var third = await SendLoginAsync(fx, "hh-3", "P-3");

        Assert.Contains("Next task T-1 at A-01-1 waits", first.Text, StringComparison.Ordinal);
        Assert.Contains("Next task T-2 at A-05-1 waits", second.Text, StringComparison.Ordinal);
        Assert.Contains("No open tasks", third.Text, StringComparison.Ordinal);
        Assert.Equal(2, Approvals(fx).Count);
    }

    /// <summary>P-1 logs in and waits for the approval of T-1 in assisted zone A; returns the approval's id.</summary>
    private async Task<long> WaitingForT1Async(GovernanceFixture fx)
    {
        await ReleaseAsync(fx, ("T-1", "A-01-1", "SKU-1"));
        await SendLoginAsync(fx);
        return Assert.Single(Approvals(fx)).Id;
    }

    /// <summary>P-1 waits for the approval of T-1 in assisted zone A, is given T-9 in zone B meanwhile, and scans its location.</summary>
    private async Task<long> WaitingForT1_ThenAtThePickFaceOfT9Async(GovernanceFixture fx)
    {
        var approvalId = await WaitingForT1Async(fx);
        await ReleaseAsync(fx, ("T-9", "B-02-1", "SKU-9"));
        Assert.Equal("T-9", Assert.Single(await RefreshAsync(fx)).Prompt.Task?.Id);
        Assert.Equal(PromptKind.ScanItem, (await SendAsync(HandheldMessageType.Scan, fx, code: "B-02-1")).Kind);
        return approvalId;
    }

    /// <summary>Automation of task.assign paused in both zones of <see cref="StartAsync"/>'s tasks.</summary>
    private static async Task PauseZonesAAndBAsync(GovernanceFixture fx)
    {
        await fx.Write(db => fx.Supervision.Pause(db, PauseTarget.Zone, "A", "sam", "re-slotting aisle A"));
        await fx.Write(db => fx.Supervision.Pause(db, PauseTarget.Zone, "B", "sam", "re-slotting aisle B"));
    }

    private static void AssistedInZoneA(GovernanceOptions o) => o.Rights[ActionTypes.TaskAssign] = new DecisionRightOptions
    {
        Mode = "Automated",
        Scopes = [new DecisionScopeOptions { Zone = "A", Mode = "Assisted" }],
    };

    private static List<Approval> Approvals(GovernanceFixture fx) =>
        fx.Read(db => new GovernanceCollections(db).Approvals.FindAll().Where(a => a.ActionType == ActionTypes.TaskAssign).ToList());

    private static Task<int> ReleaseAsync(GovernanceFixture fx, params (string Id, string Location, string Sku)[] tasks) =>
        fx.Write(db => TaskIntake.AddNew(
            db,
            tasks.Select(t => new NewPickTask(t.Id, t.Location, t.Sku, 1, fx.Time.GetUtcNow().AddMinutes(30), OrderId: "SO-" + t.Id)),
            fx.Time.GetUtcNow().UtcDateTime));

    private async Task<HandheldPrompt> SendAsync(HandheldMessageType type, GovernanceFixture fx, string? code = null, int? qty = null)
    {
        var message = new HandheldMessage { DeviceId = "hh-1", Seq = ++_seq, Type = type, Code = code, Qty = qty };
        return (await fx.Write(db => Workflow(fx).Handle(db, message))).Prompt;
    }

    private Task<IReadOnlyList<PushedPrompt>> RefreshAsync(GovernanceFixture fx) =>
        fx.Write(db => Workflow(fx).Refresh(db));

    private async Task<HandheldPrompt> ResendLastAsync(GovernanceFixture fx)
    {
        var message = new HandheldMessage { DeviceId = "hh-1", Seq = _seq, Type = HandheldMessageType.Login, Picker = "P-1" };
        var outcome = await fx.Write(db => Workflow(fx).Handle(db, message));
        Assert.True(outcome.Redelivered);
        return outcome.Prompt;
    }

    private static GovernedExecution Execution(GovernanceFixture fx, string outcome) => new()
    {
        ActionType = ActionTypes.TaskReassign,
        At = fx.Time.GetUtcNow().UtcDateTime,
        Actor = "sam",
        DecisionSeq = 0,
        Outcome = System.Text.Json.JsonDocument.Parse(outcome).RootElement,
        Journal = FloorJournal.Standalone,
    };

    private static async Task<GovernanceFixture> StartAsync(Action<GovernanceOptions>? configure = null)
    {
        var fx = await GovernanceFixture.StartAsync(configure);
        await fx.Write(db =>
        {
            var now = fx.Time.GetUtcNow();
            return TaskIntake.AddNew(db, [
                new NewPickTask("T-1", "A-01-1", "SKU-1", 1, now.AddMinutes(30), OrderId: "SO-1"),
                new NewPickTask("T-2", "B-09-1", "SKU-2", 1, now.AddHours(3), OrderId: "SO-2"),
            ], now.UtcDateTime);
        });
        return fx;
    }

    private async Task<HandheldPrompt> SendLoginAsync(GovernanceFixture fx, string device = "hh-1", string picker = "P-1")
    {
        var workflow = Workflow(fx);
        var message = new HandheldMessage { DeviceId = device, Seq = ++_seq, Type = HandheldMessageType.Login, Picker = picker };
        return (await fx.Write(db => workflow.Handle(db, message))).Prompt;
    }

    private PickWorkflow Workflow(GovernanceFixture fx) =>
        new(new HandheldRegistry(["hh-1", "hh-2", "hh-3"]), fx.Time, new TaskAssigner(new PickerOptions(), _board, fx.Gate));

    private static PickPlan Plan(params (string Picker, string Task, double Confidence)[] picks) => new()
    {
        Seq = 3,
        Method = "model",
        Models = "pick-duration@1 late-risk@1",
        ByPicker = picks.ToDictionary(p => p.Picker, p => (IReadOnlyList<PlannedPick>)[new PlannedPick(p.Task, 75, 0.2, p.Confidence, "cost 75 s")]),
    };
}
