using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Events;

namespace EdgeAgent.Fulfilment;

/// <summary>One function per handheld message type. A wrong scan is an answer, not an exception.</summary>
internal static class PickSteps
{
    public static HandheldPrompt Login(PickContext ctx)
    {
        var pickerId = ctx.Message.Picker!;
        if (ctx.Session is { } previous && previous.Id != pickerId)
        {
            // Another picker takes over this handheld: the previous one is logged out here.
            EndSession(ctx, previous, "replaced by another login on the same handheld");
        }

        var session = ctx.Floor.Pickers.FindById(pickerId);
        if (session is null)
        {
            session = new PickerSession { Id = pickerId, LoggedInAt = ctx.Now };
        }
        else if (session.DeviceId != ctx.Message.DeviceId)
        {
            ctx.Record(new PickerMoved { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = pickerId, FromDeviceId = session.DeviceId });
        }

        session.DeviceId = ctx.Message.DeviceId;
        ctx.Session = session;
        ctx.Record(new PickerLoggedIn { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = pickerId });
        return ctx.CurrentTask is { } task ? Resume(ctx, task) : AssignNext(ctx, "Logged in");
    }

    public static HandheldPrompt Scan(PickContext ctx)
    {
        if (!TryGetTask(ctx, out var session, out var task, out var refusal))
        {
            return refusal;
        }

        var code = ctx.Message.Code!.Trim();
        switch (session.Step)
        {
            case PickStep.GoToLocation when Matches(code, task.Location):
                session.Step = PickStep.ScanItem;
                ctx.Record(new LocationScanned { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = session.Id, TaskId = task.Id, Code = code });
                return Prompts.ScanItem(ctx.Seq, task);
            case PickStep.GoToLocation:
                return Reject(ctx, task, HandheldErrorCode.WrongLocation, $"Wrong location {code}. Go to {task.Location}");
            default:
                var item = ItemScan.Check(task, code, ctx.Decoder);
                if (!item.Matched)
                {
                    return Reject(ctx, task, item.Error, item.Text);
                }

                session.Step = PickStep.EnterQuantity;
                ctx.Record(new ItemScanned
                {
                    At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = session.Id, TaskId = task.Id, Code = code,
                    Gtin = item.Gtin, Batch = item.Batch, Expiry = item.Expiry?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                });
                return Prompts.EnterQuantity(ctx.Seq, task);
        }
    }

    public static HandheldPrompt Confirm(PickContext ctx)
    {
        if (!TryGetTask(ctx, out var session, out var task, out var refusal))
        {
            return refusal;
        }

        var qty = ctx.Message.Qty!.Value;
        if (session.Step != PickStep.EnterQuantity)
        {
            return Reject(ctx, task, HandheldErrorCode.OutOfOrder, $"Scan location {task.Location} and item {task.Sku} before confirming");
        }

        if (qty > task.Quantity)
        {
            return Reject(ctx, task, HandheldErrorCode.QuantityOver, $"{qty} is more than the {task.Quantity} asked. Put back {qty - task.Quantity}");
        }

        if (qty < task.Quantity)
        {
            return Reject(ctx, task, HandheldErrorCode.QuantityUnder, $"{qty} is less than the {task.Quantity} asked. Pick the rest, or report a short pick");
        }

        Complete(ctx, session, task, PickTaskStatus.Picked, qty);
        ctx.Record(new TaskPicked { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = session.Id, TaskId = task.Id, Sku = task.Sku, Location = task.Location, Quantity = qty });
        return AssignNext(ctx, $"Done {task.Id}");
    }

    public static HandheldPrompt Short(PickContext ctx)
    {
        if (!TryGetTask(ctx, out var session, out var task, out var refusal))
        {
            return refusal;
        }

        var qty = ctx.Message.Qty!.Value;
        if (session.Step == PickStep.GoToLocation)
        {
            return Reject(ctx, task, HandheldErrorCode.OutOfOrder, $"Scan location {task.Location} before reporting it short");
        }

        if (qty >= task.Quantity)
        {
            return Reject(ctx, task, HandheldErrorCode.QuantityOver, $"A short pick reports fewer than {task.Quantity}. Confirm the quantity instead");
        }

        Complete(ctx, session, task, PickTaskStatus.ShortPicked, qty);
        session.ShortPicks++;
        ctx.Record(new TaskShortPicked { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = session.Id, TaskId = task.Id, Sku = task.Sku, Location = task.Location, Found = qty, Ordered = task.Quantity });
        // An automated substitute is an open line already, so the next task may well be it.
        var remedy = ShortPickRemedy.Propose(ctx, task, qty);
        return AssignNext(ctx, remedy?.Kind == Governance.VerdictKind.Execute && remedy.Executed is { } done ? $"Short pick of {task.Id} reported: {done}" : $"Short pick of {task.Id} reported");
    }

    /// <summary>Damaged stock is reported for the exceptions queue; the picker carries on with the same step.</summary>
    public static HandheldPrompt Damaged(PickContext ctx)
    {
        if (!TryGetTask(ctx, out var session, out var task, out var refusal))
        {
            return refusal;
        }

        if (session.Step == PickStep.GoToLocation)
        {
            return Reject(ctx, task, HandheldErrorCode.OutOfOrder, $"Scan location {task.Location} before reporting damaged stock there");
        }

        ctx.Record(new ItemDamaged { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = session.Id, TaskId = task.Id, Sku = task.Sku, Location = task.Location, Quantity = ctx.Message.Qty ?? 0 });
        return Resume(ctx, task);
    }

    public static HandheldPrompt Logout(PickContext ctx)
    {
        if (ctx.Session is { } session)
        {
            EndSession(ctx, session, "logout");
        }

        return Prompts.LoggedOut(ctx.Seq);
    }

    private static bool TryGetTask(PickContext ctx, out PickerSession session, out PickTask task, out HandheldPrompt refusal)
    {
        session = ctx.Session!;
        task = null!;
        refusal = null!;
        if (ctx.Session is null)
        {
            refusal = Prompts.Error(ctx.Seq, HandheldErrorCode.NotLoggedIn, "Log in first: scan your badge");
            return false;
        }

        if (ctx.CurrentTask is { } current)
        {
            task = current;
            return true;
        }

        refusal = AssignNext(ctx, "No task in hand");
        if (refusal.Kind == PromptKind.NoWork)
        {
            refusal = Prompts.Error(ctx.Seq, HandheldErrorCode.NoOpenTask, "No open task to scan for. Wait for the next prompt");
        }

        return false;
    }

    private static HandheldPrompt AssignNext(PickContext ctx, string lead) =>
        AssignNext(ctx.Floor, ctx.Assigner, ctx.Session!, ctx.DeviceId, ctx.Seq, ctx.Now, lead, $"{lead} ({ctx.Message.Type} {ctx.Message.DeviceId}#{ctx.Seq})", out _);

    /// <summary>
    /// What a logged-in picker should be shown now that the floor changed without them asking (a task given or
    /// taken by a supervisor, an approval decided, work released while they waited); null when the prompt they
    /// were last sent is still right. <paramref name="ack"/> is the last seq applied for their device.
    /// A picker whose handheld is <paramref name="away"/> (offline or silent) is handed no new work: the planner's
    /// watch takes a task back from an absent holder, and pushing it straight back would keep it from the pickers
    /// still on the floor, round after round. They get work at their next message, or the next push once their
    /// handheld is heard from again.
    /// </summary>
    public static HandheldPrompt? Refresh(FloorCollections floor, TaskAssigner assigner, PickerSession session, HandheldPrompt? shown, long ack, DateTime now, bool away = false)
    {
        var shownTask = shown is { Kind: not PromptKind.NoWork and not PromptKind.LoggedOut } ? shown.Task?.Id : null;
        if (session.CurrentTaskId is { } taskId && floor.Tasks.FindById(taskId) is { } current)
        {
            return shownTask == taskId ? null : Resume(ack, session, current, "New task from your supervisor");
        }

        if (away)
        {
            // The screen they left on, if it showed a task, is outdated: record the current one for their return.
            return shownTask is null ? null : Prompts.NoWork(ack, $"Task {shownTask} was moved. Scan or wait for the next prompt");
        }

        var waitingBefore = session.AwaitingDecision?.DecisionSeq;
        var lead = shownTask is null ? "Work is ready" : $"Task {shownTask} was moved";
        var prompt = AssignNext(floor, assigner, session, session.DeviceId, ack, now, lead, "the floor changed while the picker waited", out var assigned);
        if (assigned || shownTask is not null || waitingBefore != session.AwaitingDecision?.DecisionSeq)
        {
            return prompt;
        }

        // Still nothing to do, for the same reason as before: the screen is right as it is.
        return null;
    }

    private static HandheldPrompt AssignNext(FloorCollections floor, TaskAssigner assigner, PickerSession session, string deviceId, long seq, DateTime now, string lead, string trigger, out bool assigned)
    {
        var outcome = assigner.AssignNext(floor, session, now, trigger);
        assigned = outcome.Assigned is not null || outcome.Decided is not null;
        if (outcome.Decided is { } decided)
        {
            // Already theirs since the supervisor's decision (recorded then as task.reassigned).
            return Prompts.GoToLocation(seq, decided, $"{lead}. Next: {decided.Id}, approved by your supervisor");
        }

        if (outcome.Assigned is not { } assignment)
        {
            return Prompts.NoWork(seq, outcome.Waiting is { } waiting ? $"{lead}. {waiting}" : $"{lead}. No open tasks: wait for the next prompt");
        }

        var next = assignment.Task;
        floor.Record(new TaskAssigned
        {
            At = now, DeviceId = deviceId, Seq = seq,
            PickerId = session.Id,
            TaskId = next.Id,
            DueAt = next.DueAt,
            Method = assignment.Method,
            DecisionSeq = assignment.DecisionSeq > 0 ? assignment.DecisionSeq : null,
        });
        return Prompts.GoToLocation(seq, next, lead);
    }

    private static HandheldPrompt Resume(long seq, PickerSession session, PickTask task, string lead) => session.Step switch
    {
        PickStep.ScanItem => Prompts.ScanItem(seq, task),
        PickStep.EnterQuantity => Prompts.EnterQuantity(seq, task),
        _ => Prompts.GoToLocation(seq, task, lead),
    };

    private static HandheldPrompt Resume(PickContext ctx, PickTask task) => Resume(ctx.Seq, ctx.Session!, task, "Resume");

    private static HandheldPrompt Reject(PickContext ctx, PickTask task, HandheldErrorCode error, string text)
    {
        ctx.Session!.Rejections++;
        ctx.Record(new ScanRejected { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = ctx.Session!.Id, TaskId = task.Id, Error = error, Message = text });
        return Prompts.Error(ctx.Seq, error, text, task);
    }

    private static void Complete(PickContext ctx, PickerSession session, PickTask task, PickTaskStatus status, int qty)
    {
        task.Status = status;
        task.PickedQuantity = qty;
        task.CompletedAt = ctx.Now;
        ctx.Floor.SaveTask(task);
        session.TasksDone++;
        session.Position = task.Location;
        session.Pace = PickerPace.Update(session.Pace, task, ctx.Now);
        session.CurrentTaskId = null;
        session.Step = PickStep.GoToLocation;
    }

    private static void EndSession(PickContext ctx, PickerSession session, string why)
    {
        TaskAssigner.Release(ctx.Floor, session);
        ctx.Floor.Pickers.Delete(session.Id);
        ctx.Record(new PickerLoggedOut { At = ctx.Now, DeviceId = ctx.DeviceId, Seq = ctx.Seq, PickerId = session.Id, Reason = why });
        ctx.Session = null;
    }

    private static bool Matches(string scanned, string expected) =>
        string.Equals(scanned, expected, StringComparison.OrdinalIgnoreCase);
}
