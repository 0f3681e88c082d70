namespace EdgeAgent.Models.Rebalancing;

/// <summary>What a picker may do (zones and skills), shared by all pickers with the same permissions.</summary>
internal sealed class PickerProfile
{
    public PickerProfile(int id, HashSet<int>? zones, HashSet<int> skills)
    {
        Id = id;
        Zones = zones;
        Skills = skills;
    }

    public int Id { get; }

    /// <summary>Null means every zone.</summary>
    public HashSet<int>? Zones { get; }

    public HashSet<int> Skills { get; }

    public bool Permits(int zoneId, int skillId) =>
        (Zones is null || Zones.Contains(zoneId)) && (skillId < 0 || Skills.Contains(skillId));

    /// <summary>The identity of a set of permissions, independent of the order they were listed in.</summary>
    public static string KeyOf(PickerState picker) =>
        string.Join(',', picker.AllowedZones.Order(StringComparer.Ordinal)) + "|" + string.Join(',', picker.Skills.Order(StringComparer.Ordinal));
}
