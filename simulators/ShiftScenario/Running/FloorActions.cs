using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Truth;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// What each floor event does: the ERP releases orders and moves cut-offs over the bridge downlink, pickers work
/// their handhelds as the truth says.
/// </summary>
internal sealed class FloorActions(ShiftTruth truth, FloorLedger ledger, FakeTimeProvider clock, CentralErp erp, DurableStore store, ShiftRunner runner, ScriptedSupervisor supervisor, ConveyorFloor conveyor, IProgress<string> progress)
{
    private readonly Dictionary<(string Kind, bool Starts), int> _deviceChanges = [];

    private static readonly TimeSpan IdleRetry = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan StallPenalty = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A handheld that has said nothing for this long publishes its status, as the real app does within the
    /// agent's presence heartbeat (60 s): a picker walking or handling for a minute is not an absent picker.
    /// </summary>
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(45);

    private static readonly byte[] OnlineStatus = """{"v":1,"online":true}"""u8.ToArray();

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
            case ShiftEventKind.Heartbeat:
                await HeartbeatAsync(e.Picker!, ct);
                break;
            case ShiftEventKind.CartonArrives:
                await conveyor.CartonArrivesAsync(e.Subject!, Now, runner, ct);
                break;
            case ShiftEventKind.CartonPasses:
                await conveyor.CartonPassesAsync(e.Subject!, Now, runner, ct);
                break;
            case ShiftEventKind.CartonArrivesQueued:
                conveyor.NextQueued(Now, runner);
                break;
            case ShiftEventKind.DeviceDisruption:
                DeviceDisruption(e.Subject!);
                break;
            case ShiftEventKind.DeviceCheck:
                await DeviceCheckAsync(e.Subject!, ct);
                break;
            case ShiftEventKind.CutOffChange:
                await ChangeCutOffsAsync(e.At, e.Subject!, ct);
                break;
            case ShiftEventKind.Sample:
                ledger.Sample(e.At);
                break;
        }
    }

    // The ERP releases the wave over the downlink; once a carrier has announced an earlier departure, the ERP
    // releases that carrier's orders with the moved cut-off.
    private async Task ReleaseAsync(TimeSpan at, CancellationToken ct)
    {
        var orders = truth.Orders.Where(o => o.ReleaseAt == at).ToList();
        // The release reaches the floor as one: pushes to idle pickers wait until its last command is applied.
        await runner.Quiet.WithPushesHeldAsync(async () =>
        {
            await erp.ReleaseAsync(orders, o => o.RealCutOff != o.CutOff && CutOffAnnounced(o) <= at ? o.RealCutOff : o.CutOff, truth.Scenario.ShiftStart, ct);
            await erp.WaitAppliedAsync(store, ct);
        });
        ledger.Released(orders.Sum(o => o.Lines.Count));
    }

    // The carrier's announcement reaches the ERP, which re-dates every order it had already released for that carrier.
    private async Task ChangeCutOffsAsync(TimeSpan at, string carrier, CancellationToken ct)
    {
        await runner.Quiet.WithPushesHeldAsync(async () =>
        {
            foreach (var order in truth.Orders.Where(o => o.Carrier == carrier && o.ReleaseAt < at && o.RealCutOff != o.CutOff && CutOffAnnounced(o) == at))
            {
                await erp.ChangeCutOffAsync(order, truth.Scenario.ShiftStart + order.RealCutOff, carrier, ct);
            }

            await erp.WaitAppliedAsync(store, ct);
        });
    }

    private TimeSpan CutOffAnnounced(OrderTruth order) => truth.Scenario.Disruptions
        .Where(d => d.Kind == DisruptionKinds.CutOffEarlier && d.Carrier == order.Carrier && order.CutOff > TimeSpan.FromHours(d.AtHour))
        .Select(d => TimeSpan.FromHours(d.AtHour))
        .DefaultIfEmpty(TimeSpan.MaxValue)
        .First();

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

        await OnPromptAsync(picker, await SendAsync(picker, HandheldBodies.Login(picker.Truth.Id), ct), ct);
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
            await SendAsync(picker, HandheldBodies.Scan(task.Location + "X"), ct);
        }

        var prompt = await SendAsync(picker, HandheldBodies.Scan(task.Location), ct);
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
            prompt = await SendAsync(picker, HandheldBodies.ShortPick(0), ct);
        }
        else
        {
            var quantity = await SendAsync(picker, HandheldBodies.Scan(task.Sku), ct);
            prompt = quantity.Kind == "enter-quantity" ? await SendAsync(picker, HandheldBodies.Confirm(task.Qty), ct) : quantity;
        }

        if (prompt.Kind != "error")
        {
            ledger.Done(task.Id, Now, empty, picker.Timing!.Metres, picker.Truth.Id);
            picker.Position = (line.Aisle, line.Bay);
            var order = ledger.Find(task.Id)!.Value.Order;
            if (ledger.OrderComplete(order))
            {
                runner.Schedule(Now + ConveyorFloor.PackTime, ShiftEventKind.CartonArrives, Subject: order.Id);
            }
        }

        picker.Task = null;
        await OnPromptAsync(picker, prompt, ct);
    }

    // "{index}:start" or "{index}:end" of a device disruption: change the device, then look for the agent's record of it.
    private void DeviceDisruption(string subject)
    {
        var (d, starts) = Device(subject);
        conveyor.Disrupt(d, starts, Now, runner);
        _deviceChanges[(d.Kind, starts)] = _deviceChanges.GetValueOrDefault((d.Kind, starts)) + 1;
        runner.Schedule(Now + ConveyorFloor.CheckAfter(d), ShiftEventKind.DeviceCheck, Subject: subject);
    }

    private Task DeviceCheckAsync(string subject, CancellationToken ct)
    {
        var (d, starts) = Device(subject);
        return conveyor.AwaitAgentAsync(d, starts, _deviceChanges[(d.Kind, starts)], progress, ct);
    }

    private (Disruption D, bool Starts) Device(string subject)
    {
        var parts = subject.Split(':');
        return (truth.Scenario.Disruptions[int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)], parts[1] == "start");
    }

    private Task<SimPrompt> SendAsync(FloorPicker picker, System.Text.Json.Nodes.JsonObject body, CancellationToken ct)
    {
        picker.LastSent = Now;
        if (!picker.HeartbeatDue)
        {
            picker.HeartbeatDue = true;
            runner.Schedule(Now + StatusEvery, ShiftEventKind.Heartbeat, picker);
        }

        return picker.Handheld.SendAsync(body, ct);
    }

    private async Task HeartbeatAsync(FloorPicker picker, CancellationToken ct)
    {
        picker.HeartbeatDue = false;
        if (!picker.Working)
        {
            return;
        }

        if (Now - picker.LastSent >= StatusEvery)
        {
            await picker.Handheld.SendStatusAsync(OnlineStatus, ct);
            picker.LastSent = Now;
            // A status gets no answer: wait until the agent's presence has it, so it carries this shift moment.
            await runner.Quiet.SeenAsync(picker.Truth.DeviceId, clock.GetUtcNow(), ct);
        }

        picker.HeartbeatDue = true;
        runner.Schedule(picker.LastSent + StatusEvery, ShiftEventKind.Heartbeat, picker);
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
            await SendAsync(picker, HandheldBodies.Logout(), ct);
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
