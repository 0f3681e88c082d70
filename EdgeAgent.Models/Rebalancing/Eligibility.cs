using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>Who may do what: availability, zones, skills and blocks; shared by the planner, the rule and the bench.</summary>
public static class Eligibility
{
    public static bool IsAvailable(PickerState picker, Disruptions disruptions)
    {
        ArgumentNullException.ThrowIfNull(picker);
        ArgumentNullException.ThrowIfNull(disruptions);
        return picker.Available && !disruptions.AbsentPickers.Contains(picker.Id);
    }

    public static string ZoneOf(OpenTask task, BinLocation bin)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Zone ?? bin.DefaultZone;
    }

    /// <summary>True when nothing blocks the task's slot (its aisle or its zone).</summary>
    public static bool IsReachable(OpenTask task, BinLocation bin, Disruptions disruptions)
    {
        ArgumentNullException.ThrowIfNull(disruptions);
        return !disruptions.BlockedAisles.Contains(bin.DefaultZone) && !disruptions.BlockedZones.Contains(ZoneOf(task, bin));
    }

    /// <summary>True when the picker may take the task: zone allowed, skill held and slot reachable (availability aside).</summary>
    public static bool Allows(PickerState picker, OpenTask task, BinLocation bin, Disruptions disruptions)
    {
        ArgumentNullException.ThrowIfNull(picker);
        ArgumentNullException.ThrowIfNull(task);
        return IsReachable(task, bin, disruptions)
            && (picker.AllowedZones.Count == 0 || picker.AllowedZones.Contains(ZoneOf(task, bin)))
            && (task.RequiredSkill is null || picker.Skills.Contains(task.RequiredSkill));
    }
}
