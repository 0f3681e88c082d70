using System.Threading.Channels;

namespace EdgeAgent.Drivers.Printers;

/// <summary>One printer of a group: its link, its queue and what the group believes about it. Guarded by the group's lock.</summary>
internal sealed class PrinterSlot(PrinterEndpoint endpoint, IPrinterLink connection)
{
    public string Id => Endpoint.Id;

    public PrinterEndpoint Endpoint { get; } = endpoint;

    public IPrinterLink Connection { get; } = connection;

    public LinkedList<QueuedJob> Queue { get; } = new();

    /// <summary>Written in full, waiting for the next <c>~HS</c> answer to confirm the printer read them.</summary>
    public List<QueuedJob> Written { get; } = [];

    /// <summary>Taken from a queue and being written; owned by the worker until written or moved on.</summary>
    public QueuedJob? InFlight { get; set; }

    public bool? Healthy { get; set; }

    public PrinterFaults Faults { get; set; }

    public PrinterStatus? LastStatus { get; set; }

    /// <summary>Set when a job is queued so the worker does not wait out its poll interval; one pending wake is enough.</summary>
    public Channel<bool> Wake { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool Accepts => Healthy != false;

    /// <summary>1 while the worker waits for its poll or a wake and neither has come; 0 while it works.</summary>
    public int Waiting;

    /// <summary>Wakes the worker for a queued job; it counts as working from here.</summary>
    public void Rouse()
    {
        Volatile.Write(ref Waiting, 0);
        Wake.Writer.TryWrite(true);
    }

    public PrinterState Snapshot() => new(Id, Healthy, Faults, Queue.Count, LastStatus);
}
