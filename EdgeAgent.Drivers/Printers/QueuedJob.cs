namespace EdgeAgent.Drivers.Printers;

/// <summary>A job inside a group, with the bookkeeping the queue needs.</summary>
internal sealed class QueuedJob(PrintJob job, long deadline)
{
    public PrintJob Job { get; } = job;

    /// <summary>A <see cref="TimeProvider.GetTimestamp"/> value past which the job fails.</summary>
    public long Deadline { get; } = deadline;

    public int Attempts { get; set; }
}
