using EdgeAgent.Broker;
using EdgeAgent.Handhelds;
using EdgeAgent.Storage;

namespace EdgeAgent.Hosting.Systemd;

/// <summary>
/// Whether the parts that must never stop are still working: the store's writer commits, the broker
/// runs, the pick loop holds its session. What a restart would fix; an external broker being down is
/// not (the agent keeps reconnecting, and /readyz says so).
/// </summary>
public sealed class Liveness(DurableStore store, AgentBroker broker, HandheldLoop handhelds)
{
    /// <summary>What is wedged or dead; empty when the watchdog may be fed.</summary>
    /// <param name="writerDeadline">How long the writer may take to commit an empty change before it counts as wedged.</param>
    public async Task<IReadOnlyList<string>> ProblemsAsync(TimeSpan writerDeadline, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!store.IsOpen)
        {
            problems.Add("the store is closed");
        }
        else if (store.Faulted is { } fault)
        {
            // Only a restart re-reads what is on disk; a watchdog that stops being fed gets one.
            problems.Add($"the store accepts no writes: {fault.Reason}");
        }
        else if (!await WriterCommitsAsync(writerDeadline, cancellationToken))
        {
            problems.Add($"the store writer did not commit within {writerDeadline.TotalSeconds:0.#} s");
        }

        if (!broker.IsRunning)
        {
            problems.Add("the embedded MQTT broker is not running");
        }

        // With the broker in this process, a session that cannot hold is the agent's own fault.
        if (broker.IsEmbedded && broker.IsRunning && !handhelds.IsConnected)
        {
            problems.Add("the pick loop has no session on the embedded broker");
        }

        return problems;
    }

    private async Task<bool> WriterCommitsAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        // An empty change goes through the same queue, transaction and fsync as a pick: if it comes
        // back, the writer is alive. A change stuck behind a wedged one never does.
        var probe = store.WriteAsync(static _ => true, cancellationToken);
        try
        {
            return await probe.WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
