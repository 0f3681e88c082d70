using System.Globalization;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Planning;

/// <summary>The one seam between the floor's vocabulary and the rebalancer's: request out, plan back.</summary>
internal static class PlanMapping
{
    /// <summary>Seconds a task in hand is assumed to have left when no model predicted it.</summary>
    private const double UnpredictedRemainingSeconds = 30;

    public static RebalanceRequest Request(PlanningSnapshot floor, PickerOptions profiles, IReadOnlyList<DevicePresence> presence, DateTimeOffset now, RebalanceTrigger trigger, bool driftLatched)
    {
        var inHand = floor.InHand.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var gone = presence.Where(p => !p.Online || p.Stale).Select(p => p.DeviceId).ToHashSet(StringComparer.Ordinal);
        var pickers = floor.Pickers.Select(p => Picker(p, profiles.For(p.Id), p.CurrentTaskId is { } id ? inHand.GetValueOrDefault(id) : null, now, gone)).ToList();
        return new RebalanceRequest
        {
            Now = now,
            Trigger = trigger,
            DriftLatched = driftLatched,
            Pickers = pickers,
            Tasks = floor.Open.Select(Task).ToList(),
            Disruptions = new Disruptions
            {
                BlockedAisles = Names(floor.Blocks.Where(b => b.Aisle).Select(b => b.Name)),
                BlockedZones = Names(floor.Blocks.Where(b => !b.Aisle).Select(b => b.Name)),
                AbsentPickers = Names(pickers.Where(p => !p.Available).Select(p => p.Id), upper: false),
            },
        };
    }

    public static PickPlan Plan(RebalancePlan plan, long seq, DateTime at, IReadOnlyList<PickTask> open) => new()
    {
        OpenByCutOff = [.. open.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => t.Id)],
        Seq = seq,
        ComputedAt = at,
        Method = plan.Method == PlanMethod.Model ? "model" : "rule",
        FallbackReason = plan.FallbackReason == FallbackReason.None ? null : $"{plan.FallbackReason}: {plan.FallbackDetail}",
        Models = string.Join(' ', plan.Models.Select(m => $"{m.Name}@{m.Version}")),
        Confidence = plan.Confidence,
        Trigger = plan.Trigger.ToString(),
        ByPicker = plan.Pickers.Where(p => p.Tasks.Count > 0).ToDictionary(
            p => p.PickerId,
            p => (IReadOnlyList<PlannedPick>)p.Tasks.Select(Pick).ToList(),
            StringComparer.Ordinal),
    };

    private static PlannedPick Pick(PlannedTask t) => new(
        t.TaskId,
        t.PredictedSeconds,
        t.LateRisk,
        t.Confidence,
        t.Explanation.Basis,
        [.. t.Explanation.Alternatives.Select(a => a.TaskId)]);

    private static PickerState Picker(PickerSession session, PickerProfile profile, PickTask? inHand, DateTimeOffset now, HashSet<string> gone)
    {
        var remaining = inHand is null ? 0
            : inHand.PredictedSeconds is { } predicted && inHand.AssignedAt is { } at ? Math.Max(0, predicted - (now.UtcDateTime - at).TotalSeconds)
            : UnpredictedRemainingSeconds;
        return new PickerState
        {
            Id = session.Id,
            Position = inHand?.Location ?? session.Position,
            AllowedZones = Names(profile.Zones),
            Skills = Names(profile.Skills),
            CurrentTaskId = inHand?.Id,
            RemainingSeconds = remaining,
            Pace = session.Pace,
            Available = !gone.Contains(session.DeviceId),
        };
    }

    private static OpenTask Task(PickTask task) => new()
    {
        Id = task.Id,
        Location = task.Location,
        Zone = task.Zone.ToUpperInvariant(),
        Quantity = task.Quantity,
        Handling = task.Handling,
        OrderId = task.OrderId,
        Priority = task.Priority,
        ShipCutOff = new DateTimeOffset(DateTime.SpecifyKind(task.DueAt, DateTimeKind.Utc)),
        RequiredSkill = task.RequiredSkill?.ToUpperInvariant(),
    };

    // Zones and skills match regardless of case on the floor; the rebalancer compares exactly.
    private static HashSet<string> Names(IEnumerable<string> names, bool upper = true) =>
        names.Select(n => upper ? n.Trim().ToUpper(CultureInfo.InvariantCulture) : n).ToHashSet(StringComparer.Ordinal);
}
