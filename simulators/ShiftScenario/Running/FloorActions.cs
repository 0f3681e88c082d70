using EdgeAgent.Fulfilment;
using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Truth;
using EdgeAgent.Simulators.Handhelds;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>What each floor event does: releases go to the agent, pickers work their handhelds as the truth says.</summary>
internal sealed class FloorActions(ShiftTruth truth, FloorLedger ledger, FakeTimeProvider clock, TaskReleases releases, ShiftRunner runner, ScriptedSupervisor supervisor)
{
    private static readonly TimeSpan IdleRetry = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan StallPenalty = TimeSpan.FromMinutes(3);

    private TimeSpan Now => clock.GetUtcNow() - truth.Scenario.ShiftStart;

    public async Task HandleAsync(ShiftEvent e, CancellationToken ct)
    {
        if (e.Picker is { } p && e.Kind is ShiftEventKind.PickerLogin or ShiftEventKind.PickerArrives or ShiftEventKind.PickerFinishes && e.Generation != p.Generation)
        {
            return;
        }

        switch (e.Kind)
        {
            case ShiftEventKind.Release:
                await ReleaseAsync(e.At, ct);
                break;
            case ShiftEventKind.PickerLogin:
                await LoginAsync(e.Picker!, ct);
                break;
            case ShiftEventKind.PickerArrives:
                await ArriveAsync(e.Picker!, ct);
                break;
            case ShiftEventKind.PickerFinishes:
                await FinishAsync(e.Picker!, ct);
                break;
            case ShiftEventKind.BreakStarts:
                await BreakAsync(e.Picker!, e.Subject == "leaves", ct);
                break;
            case ShiftEventKind.SupervisorLooks:
                foreach (var act in await supervisor.LookAsync(Now, ct))
                {
                    runner.Schedule(act.At, ShiftEventKind.SupervisorActs, Subject: act.Key);
                }

                runner.Schedule(e.At + TimeSpan.FromSeconds(truth.Scenario.Supervisor.PollSeconds), ShiftEventKind.SupervisorLooks);
                break;
            case ShiftEventKind.SupervisorActs:
                await supervisor.ActAsync(e.Subject!, Now, ct);
                break;
            case ShiftEventKind.Sample:
                ledger.Sample(e.At);
                break;
        }
    }

    private async Task ReleaseAsync(TimeSpan at, CancellationToken ct)
    {
        var orders = truth.Orders.Where(o => o.ReleaseAt == at).ToList();
        var tasks = orders.SelectMany(o => o.Lines.Select(l => new NewPickTask(
            l.TaskId, l.Location, l.Sku, l.Qty, truth.Scenario.ShiftStart + o.CutOff,
            OrderId: o.Id, Priority: o.Priority, Handling: l.Handling, Skill: l.Skill))).ToList();
        await releases.AddNewAsync(tasks, ct);
        ledger.Released(tasks.Count);
    }

    private async Task LoginAsync(FloorPicker picker, CancellationToken ct)
    {
        if (picker.Gone)
        {
            return;
        }

        if (!picker.Working)
        {
            picker.Working = true;
            picker.WorkingSince = Now;
        }

        await OnPromptAsync(picker, await picker.Handheld.SendAsync(HandheldBodies.Login(picker.Truth.Id), ct), ct);
    }

    private async Task OnPromptAsync(FloorPicker picker, SimPrompt prompt, CancellationToken ct)
    {
        if (picker.BreakDue)
        {
            await StepOffAsync(picker, ct);
            return;
        }

        if (prompt.Kind == "go-to-location" && prompt.Task is { } task && ledger.Find(task.Id) is { } found)
        {
            var timing = truth.Pick(picker.Truth, picker.Position, found.Line);
            picker.Task = task;
            picker.Timing = timing;
            var travel = timing.Travel;
            if (Blocked(found.Line.AisleName, Now + travel) && !supervisor.IsBlockedInAgent(found.Line.AisleName))
            {
                ledger.Stalled();
                travel += StallPenalty;
            }

            runner.Schedule(Now + travel, ShiftEventKind.PickerArrives, picker);
            return;
        }

        // No work, a wait for a person's decision, or a step the picker lost track of: ask again a little later.
        picker.Task = null;
        runner.Schedule(Now + (prompt.Kind == "no-work" ? IdleRetry : TimeSpan.FromSeconds(20)), ShiftEventKind.PickerLogin, picker);
    }

    private async Task ArriveAsync(FloorPicker picker, CancellationToken ct)
    {
        var task = picker.Task!;
        if (truth.Chance("wrong-scan", task.Id) < truth.Scenario.Workforce.MistakeRate)
        {
            ledger.WrongScans++;
            await picker.Handheld.SendAsync(HandheldBodies.Scan(task.Location + "X"), ct);
        }

        var prompt = await picker.Handheld.SendAsync(HandheldBodies.Scan(task.Location), ct);
        if (prompt.Kind != "scan-item")
        {
            await OnPromptAsync(picker, prompt, ct);
            return;
        }

        runner.Schedule(Now + picker.Timing!.Handling, ShiftEventKind.PickerFinishes, picker);
    }

    private async Task FinishAsync(FloorPicker picker, CancellationToken ct)
    {
        var task = picker.Task!;
        var line = ledger.Find(task.Id)!.Value.Line;
        var empty = FaceEmpty(line.AisleName, Now);
        SimPrompt prompt;
        if (empty)
        {
            prompt = await picker.Handheld.SendAsync(HandheldBodies.ShortPick(0), ct);
        }
        else
        {
            var quantity = await picker.Handheld.SendAsync(HandheldBodies.Scan(task.Sku), ct);
            prompt = quantity.Kind == "enter-quantity" ? await picker.Handheld.SendAsync(HandheldBodies.Confirm(task.Qty), ct) : quantity;
        }

        if (prompt.Kind != "error")
        {
            ledger.Done(task.Id, Now, empty, picker.Timing!.Metres, picker.Truth.Id);
            picker.Position = (line.Aisle, line.Bay);
        }

        picker.Task = null;
        await OnPromptAsync(picker, prompt, ct);
    }

    private async Task BreakAsync(FloorPicker picker, bool leaves, CancellationToken ct)
    {
        picker.BreakDue = true;
        if (leaves)
        {
            picker.Gone = true;
        }

        if (picker.Task is null && picker.Working)
        {
            await StepOffAsync(picker, ct);
        }
    }

    // Finishes the task in hand first (the agent hands no new one), then logs out for the break or for good.
    private async Task StepOffAsync(FloorPicker picker, CancellationToken ct)
    {
        picker.BreakDue = false;
        picker.Generation++;
        if (picker.Working)
        {
            await picker.Handheld.SendAsync(HandheldBodies.Logout(), ct);
            picker.Working = false;
            picker.WorkedTime += Now - picker.WorkingSince!.Value;
        }

        picker.Task = null;
        if (picker.Gone)
        {
            return;
        }

        var back = picker.Truth.Breaks.Where(b => b.Start <= Now + TimeSpan.FromMinutes(16)).Select(b => b.End).Where(e => e > Now).DefaultIfEmpty(Now + TimeSpan.FromMinutes(15)).Min();
        runner.Schedule(back, ShiftEventKind.PickerLogin, picker);
    }

    private bool FaceEmpty(string aisle, TimeSpan at) => Active(DisruptionKinds.ReceivingDelay, aisle, at);

    private bool Blocked(string aisle, TimeSpan at) => Active(DisruptionKinds.BlockedAisle, aisle, at);

    private bool Active(string kind, string aisle, TimeSpan at) => truth.Scenario.Disruptions.Any(d =>
        d.Kind == kind && d.Aisle == aisle && at >= TimeSpan.FromHours(d.AtHour) && at < TimeSpan.FromHours(d.AtHour) + TimeSpan.FromMinutes(d.Minutes));
}
