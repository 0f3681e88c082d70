namespace EdgeAgent.Models.Drift;

/// <summary>A signal past its threshold: what was expected, what the floor did, by how much, over how many samples.</summary>
public sealed record DriftAlarm
{
    public required DriftSignal Signal { get; init; }

    /// <summary>Mean prediction over the window (seconds, or a probability).</summary>
    public required double Expected { get; init; }

    /// <summary>Mean outcome over the window (seconds, or the late share).</summary>
    public required double Observed { get; init; }

    /// <summary>Signed drift: relative bias for durations (0.4 = 40% slower than predicted), late share minus mean probability for late risk.</summary>
    public required double Drift { get; init; }

    public required double Threshold { get; init; }

    public required int Samples { get; init; }

    /// <summary>True when this alarm latched the rule fallback.</summary>
    public required bool SwitchedToFallback { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }
}
