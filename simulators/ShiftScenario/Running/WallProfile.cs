using System.Diagnostics;
using System.Globalization;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// Where a run's wall time and the process's CPU time go, by step (a floor event's kind, a plan, a sweep, waiting for
/// the agent); for the speed notes, never the report. CPU is the whole process's (runner, agent, central and printers
/// share it), so with <c>--parallel</c> a step's CPU includes the other runs' work at the same time: read it from a
/// run alone.
/// </summary>
internal sealed class WallProfile
{
    private readonly Dictionary<string, (long Count, TimeSpan Time, TimeSpan Cpu)> _steps = new(StringComparer.Ordinal);

    /// <summary>The start of a step: now on the wall clock and in the process's CPU time.</summary>
    public static (long Wall, TimeSpan Cpu) Mark() => (Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime);

    public void Add(string step, (long Wall, TimeSpan Cpu) started)
    {
        var (count, time, cpu) = _steps.GetValueOrDefault(step);
        _steps[step] = (count + 1, time + Stopwatch.GetElapsedTime(started.Wall), cpu + (Environment.CpuUsage.TotalTime - started.Cpu));
    }

    public override string ToString() => string.Join(", ", _steps
        .OrderByDescending(s => s.Value.Time)
        .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value.Time.TotalSeconds:0.0} s/{s.Value.Count} (CPU {s.Value.Cpu.TotalSeconds:0.0} s)")));
}
