using System.Globalization;

namespace ChaosRunner;

internal enum FaultKind
{
    /// <summary>SIGKILL of the agent (its embedded MQTT broker dies with it and restarts with it).</summary>
    AgentKill,

    /// <summary>SIGKILL of the central ingress.</summary>
    IngressKill,

    /// <summary>The WAN proxy resets every connection and refuses new ones for a while.</summary>
    WanDrop,

    /// <summary>The WAN proxy stops forwarding bytes without closing anything, for a while.</summary>
    WanStall,

    /// <summary>The agent restarts with a tiny outbox quota (configuration only) while the WAN is cut, then with the normal one.</summary>
    QuotaSqueeze,

    /// <summary>
    /// The MQTT broker restarts: the embedded one lives in the agent, so this is a SIGKILL of the agent named for the
    /// broker (every handheld loses its session); with <c>--external-broker</c> it is a SIGKILL of Mosquitto.
    /// </summary>
    BrokerRestart,

    /// <summary>The agent's data disk (a small tmpfs) is filled to nearly full for a while, then freed.</summary>
    DiskSqueeze,

    /// <summary>
    /// A label printer fails: one of the two emulated ZPL printers goes away (its port closed, connections reset) or
    /// answers an error status (paper out, head open) for a while, then comes back.
    /// </summary>
    PrinterFail,

    /// <summary>
    /// The agent is killed and its store's log is left with a page half-written (<see cref="StoreDamage"/>); the agent
    /// must start over it, or refuse it saying what to do (then the runner does what the message says).
    /// </summary>
    StoreDamage,

    /// <summary>
    /// The agent is killed and its store's log (or, with no log to speak of, its data file) is cut in half
    /// (<see cref="StoreDamage.CutInHalf"/>): acknowledged work goes, and the agent must name it or refuse.
    /// </summary>
    StoreTruncate,
}

/// <summary>One fault at a moment of the run, held for a while (restart delay, cut length, squeeze length).</summary>
internal sealed record Fault(FaultKind Kind, TimeSpan At, TimeSpan Hold)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}@{At.TotalSeconds:0.0}s/{Hold.TotalSeconds:0.0}s");
}

/// <summary>The seeded schedule: the same seed gives the same faults at the same moments.</summary>
internal static class FaultPlan
{
    /// <param name="quick">
    /// The quick form: holds about half as long and faults between 5 % and 60 % of the run, so the faults that take the
    /// agent in turn (kills, the squeezes, the broker restart) are over well before its minute of load ends.
    /// </param>
    public static IReadOnlyList<Fault> Create(int seed, TimeSpan duration, IReadOnlyDictionary<FaultKind, int> counts, bool quick = false)
    {
        var random = new Random(seed);
        var faults = new List<Fault>();
        // Faults land between 10 % and 75 % of the run, so the end of the run is left for recovery under load.
        double from = duration.TotalSeconds * (quick ? 0.05 : 0.10), to = duration.TotalSeconds * (quick ? 0.60 : 0.75);
        double scale = quick ? 0.5 : 1;
        foreach (var (kind, count) in counts.OrderBy(c => c.Key))
        {
            for (int i = 0; i < count; i++)
            {
                var at = TimeSpan.FromSeconds(from + random.NextDouble() * (to - from));
                var hold = kind switch
                {
                    FaultKind.AgentKill => TimeSpan.FromSeconds(0.2 + random.NextDouble() * 2.5),
                    FaultKind.IngressKill => TimeSpan.FromSeconds(0.5 + random.NextDouble() * 4),
                    FaultKind.WanDrop or FaultKind.WanStall => TimeSpan.FromSeconds(3 + random.NextDouble() * 9),
                    FaultKind.QuotaSqueeze => TimeSpan.FromSeconds(8 + random.NextDouble() * 6),
                    FaultKind.BrokerRestart => TimeSpan.FromSeconds(0.5 + random.NextDouble() * 3),
                    FaultKind.DiskSqueeze => TimeSpan.FromSeconds(10 + random.NextDouble() * 10),
                    FaultKind.PrinterFail => TimeSpan.FromSeconds(5 + random.NextDouble() * 10),
                    FaultKind.StoreDamage or FaultKind.StoreTruncate => TimeSpan.FromSeconds(0.2 + random.NextDouble() * 2),
                    _ => throw new ArgumentOutOfRangeException(nameof(counts)),
                };
                faults.Add(new Fault(kind, at, hold * scale));
            }
        }

        return [.. faults.OrderBy(f => f.At)];
    }
}
