using EdgeAgent.Broker;
using EdgeAgent.Handhelds;
using EdgeAgent.Storage;

namespace EdgeAgent.Web;

/// <summary>
/// What /readyz and the floor page check: everything <see cref="Liveness"/> checks (the store writer
/// commits, the broker runs, the pick loop holds its session), and that the pick loop is connected to
/// an external broker too, and that the data disk has room for new work.
/// </summary>
public sealed class Readiness(Liveness liveness, HandheldLoop handhelds, AgentBroker broker, FreeSpaceWatch disk)
{
    /// <summary>How long the store writer may take to commit an empty change before the agent is not ready.</summary>
    public static readonly TimeSpan WriterDeadline = TimeSpan.FromSeconds(2);

    /// <summary>Why the agent cannot work now; empty when it can.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>(await liveness.ProblemsAsync(WriterDeadline, cancellationToken));
        // Liveness already names a missing session on a running embedded broker; an external one, or a stopped one, is said here.
        if (!handhelds.IsConnected && !(broker.IsEmbedded && broker.IsRunning))
        {
            problems.Add("the pick loop is not connected to the MQTT broker");
        }

        // Not a liveness problem (the watchdog keeps being fed: a restart frees no disk), but no new work is taken.
        if (disk.Status is { Low: true } low)
        {
            problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the data disk has {low.FreeBytes} bytes free, under Store:MinFreeBytes ({low.MinFreeBytes}): telemetry is shed and new work refused until space returns"));
        }

        return problems;
    }
}
