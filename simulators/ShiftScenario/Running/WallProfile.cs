using System.Globalization;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>Where a run's wall time goes, by step (a floor event's kind, a plan, a sweep, waiting for the agent); for the speed notes, never the report.</summary>
internal sealed class WallProfile
{
    private readonly Dictionary<string, (long Count, TimeSpan Time)> _steps = new(StringComparer.Ordinal);

    public void Add(string step, TimeSpan took)
    {
        var (count, time) = _steps.GetValueOrDefault(step);
        _steps[step] = (count + 1, time + took);
    }

    public override string ToString() => string.Join(", ", _steps
        .OrderByDescending(s => s.Value.Time)
        .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value.Time.TotalSeconds:0.0} s/{s.Value.Count}")));
}
