namespace EdgeAgent.Fulfilment;

/// <summary>Where a picker may work and what they are trained for.</summary>
public sealed class PickerProfile
{
    /// <summary>Zones the picker may pick in; empty means every zone.</summary>
    public List<string> Zones { get; } = [];

    /// <summary>Skills the picker holds (hazmat, cold, forklift …); a task needing one goes only to holders.</summary>
    public List<string> Skills { get; } = [];

    public bool MayPick(PickTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (Zones.Count == 0 || Zones.Contains(task.Zone, StringComparer.OrdinalIgnoreCase))
            && (task.RequiredSkill is null || Skills.Contains(task.RequiredSkill, StringComparer.OrdinalIgnoreCase));
    }
}
