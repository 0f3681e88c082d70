using EdgeAgent.Broker;
using EdgeAgent.Handhelds;
using EdgeAgent.Storage;

namespace EdgeAgent.Web;

/// <summary>
/// Whether the parts that must never stop are still working: the store's writer commits, the broker
/// runs, the pick loop holds its session. What a restart would fix; an external broker being down is
/// not (the agent keeps reconnecting, and /readyz says so). The watchdog and /readyz both ask it.
/// </summary>
public sealed class Liveness(DurableStore store, AgentBroker broker, HandheldLoop handhelds)
{
    private readonly Lock _probeLock = new();
    private Task<bool>? _probe;

    /// <summary>True while a writer probe is outstanding: a read now would wait behind the writer.</summary>
    public bool WriterStalled
    {
        get
        {
            lock (_probeLock)
            {
                return _probe is { IsCompleted: false };
            }
        }
    }

    /// <summary>What is wedged or dead; empty when the watchdog may be fed.</summary>
    /// <param name="writerDeadline">How long the writer may take to commit an empty change before it counts as wedged.</param>
    /// <param name="cancellationToken">Stops waiting for the writer.</param>
    public async Task<IReadOnlyList<string>> ProblemsAsync(TimeSpan writerDeadline, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!store.IsOpen)
        {
            problems.Add("the store is closed (its writer has stopped)");
        }
        else if (store.Faulted is { } fault)
        {
            // Only a restart re-reads what is on disk; a watchdog that stops being fed gets one.
            problems.Add($"the store accepts no writes until the agent restarts: {fault.Reason}");
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
        try
        {
            return await CurrentProbe().WaitAsync(deadline, cancellationToken);
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

    private Task<bool> CurrentProbe()
    {
        // An empty change goes through the same queue, transaction and fsync as a pick: if it comes
        // back, the writer is alive. One probe at a time: behind a wedged change, every /readyz and
        // watchdog tick would otherwise queue one more.
        lock (_probeLock)
        {
            if (_probe is not { IsCompleted: false })
            {
                _probe = store.WriteAsync(static _ => true, CancellationToken.None);
            }

            return _probe;
        }
    }
}
