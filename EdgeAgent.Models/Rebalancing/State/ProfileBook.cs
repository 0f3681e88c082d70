namespace EdgeAgent.Models.Rebalancing;

/// <summary>One <see cref="PickerProfile"/> per distinct set of permissions, remembered per picker while its sets are unchanged.</summary>
internal sealed class ProfileBook(TaskTable tasks)
{
    private readonly Dictionary<string, PickerProfile> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlySet<string> Zones, IReadOnlySet<string> Skills, PickerProfile Profile)> _byPicker =
        new(StringComparer.Ordinal);

    public PickerProfile Of(PickerState picker)
    {
        if (_byPicker.TryGetValue(picker.Id, out var known)
            && ReferenceEquals(known.Zones, picker.AllowedZones) && ReferenceEquals(known.Skills, picker.Skills))
        {
            return known.Profile;
        }

        var key = PickerProfile.KeyOf(picker);
        if (!_byKey.TryGetValue(key, out var profile))
        {
            var zones = picker.AllowedZones.Count == 0 ? null : picker.AllowedZones.Select(tasks.Zones.Intern).ToHashSet();
            profile = new PickerProfile(_byKey.Count, zones, picker.Skills.Select(tasks.Skills.Intern).ToHashSet());
            _byKey.Add(key, profile);
        }

        _byPicker[picker.Id] = (picker.AllowedZones, picker.Skills, profile);
        return profile;
    }
}
