using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Layout;

namespace EdgeAgent.Planning;

/// <summary>
/// Finds the tasks in pickers' hands that are at risk: the holder's handheld went offline or silent
/// (absent), the holder's handheld reports a zone other than the task's (left the zone), or the holder has taken <see cref="ReassignOptions.BehindFactor"/> times the expected pick
/// time and the time they are projected to still need eats past <see cref="ReassignOptions.LateRiskThreshold"/>
/// of what is left to the cut-off. An absent holder's decided next task is at risk too. For each, the best idle picker
/// (nearest, by projected finish) is named.
/// </summary>
internal static class StuckTaskFinder
{
    private static readonly WarehouseLayout Layout = new();

    public static List<StuckTask> Find(FloorCollections floor, IReadOnlyList<DevicePresence> presence, PickerOptions profiles, ReassignOptions options, DateTime now)
    {
        var devices = presence.ToDictionary(p => p.DeviceId, StringComparer.Ordinal);
        bool Present(PickerSession p) => !devices.TryGetValue(p.DeviceId, out var d) || (d.Online && !d.Stale)
            || (now - d.LastSeen.UtcDateTime).TotalSeconds < options.AbsentAfterSeconds;
        // A holder whose handheld has reported a zone other than the task's for AbsentAfterSeconds has left it
        // (a walk through a neighbouring aisle to the task is not a departure).
        bool LeftZone(PickerSession p, PickTask task) => devices.TryGetValue(p.DeviceId, out var d)
            && d is { Zone: { } zone, ZoneSince: { } since }
            && !string.Equals(zone, task.Zone, StringComparison.OrdinalIgnoreCase)
            && (now - since.UtcDateTime).TotalSeconds >= options.AbsentAfterSeconds;
        var sessions = floor.Pickers.FindAll().ToList();
        var idle = sessions.Where(p => p.CurrentTaskId is null && p.AwaitingDecision is null && Present(p)).ToList();
        var found = new List<StuckTask>();
        // A holder's tasks: the current one, and the next one a person decided for them while they were busy (it is
        // theirs, assigned, but only moves with them once they are absent: they are not at it yet).
        var held = sessions.Where(p => p.CurrentTaskId is not null).Select(p => (Holder: p, TaskId: p.CurrentTaskId!, Next: false))
            .Concat(sessions.Where(p => p.AwaitingDecision is { DecidedBy: not null } && !Present(p)).Select(p => (Holder: p, p.AwaitingDecision!.TaskId, Next: true)));
        foreach (var (holder, taskId, next) in held)
        {
            if (floor.Tasks.FindById(taskId) is not { Status: PickTaskStatus.Assigned, AssignedAt: { } assignedAt } task || task.AssignedTo != holder.Id)
            {
                continue;
            }

            var expected = (task.PredictedSeconds ?? options.DefaultPickSeconds) * Math.Max(holder.Pace, 0.1);
            var elapsed = Math.Max(0, (now - assignedAt).TotalSeconds);
            var left = Math.Max(1, (task.DueAt - now).TotalSeconds);
            var absent = !Present(holder);
            var away = !absent && LeftZone(holder, task);
            // A picker who has not finished after `elapsed` is projected to need as long again (at least the expected time).
            var holderSeconds = absent || away ? double.PositiveInfinity : Math.Max(expected, elapsed);
            var risk = Math.Min(1.0, holderSeconds / left);
            var behind = elapsed > options.BehindFactor * expected && risk >= options.LateRiskThreshold;
            if (!absent && !away && !behind)
            {
                continue;
            }

            var best = idle.Where(p => profiles.For(p.Id).MayPick(task))
                .Select(p => (Picker: p, Seconds: Travel(p.Position, task.Location, options) + ((task.PredictedSeconds ?? options.DefaultPickSeconds) * Math.Max(p.Pace, 0.1))))
                .OrderBy(c => c.Seconds).ThenBy(c => c.Picker.Id, StringComparer.Ordinal)
                .Select(c => ((PickerSession, double)?)c).FirstOrDefault();
            if (!absent && !away && (best is null || best.Value.Item2 >= holderSeconds))
            {
                continue; // a present holder keeps the task unless someone idle is expected to finish it sooner
            }

            double? gain = best is { } b && !absent && !away ? holderSeconds - b.Item2 : null;
            found.Add(new StuckTask
            {
                Task = task,
                Holder = holder,
                Reason = absent ? "picker-absent" : away ? "picker-left-zone" : "picker-behind",
                Next = next,
                Zone = away ? devices[holder.DeviceId].Zone : null,
                To = best?.Item1,
                LateRisk = risk,
                ExpectedGainSeconds = gain,
                HolderSeconds = holderSeconds,
                MoverSeconds = best?.Item2,
                ElapsedSeconds = elapsed,
                // A silent handheld is strong evidence, a handheld reporting another zone nearly as strong; a slow
                // picker is a judgement that grows with the gain.
                Confidence = absent ? 0.95 : away ? 0.9 : Math.Round(Math.Clamp(gain!.Value / holderSeconds, 0, 1), 3),
            });
            if (best is { } taken)
            {
                idle.Remove(taken.Item1);
            }
        }

        return found;
    }

    private static double Travel(string? from, string to, ReassignOptions options)
    {
        var start = Layout.Locate(from) ?? WarehouseLayout.Depot;
        return Layout.Locate(to) is { } bin ? Layout.Distance(start, bin) / options.WalkMetresPerSecond : 0;
    }
}
