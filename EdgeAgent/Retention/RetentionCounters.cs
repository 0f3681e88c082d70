namespace EdgeAgent.Retention;

/// <summary>Totals since start, for <c>/metrics</c>.</summary>
public sealed class RetentionCounters
{
    private long _passes;
    private long _floorEvents;
    private long _tasks;
    private long _auditRecords;
    private long _outboxEvents;

    public long Passes => Interlocked.Read(ref _passes);

    public long FloorEvents => Interlocked.Read(ref _floorEvents);

    public long Tasks => Interlocked.Read(ref _tasks);

    public long AuditRecords => Interlocked.Read(ref _auditRecords);

    public long OutboxEvents => Interlocked.Read(ref _outboxEvents);

    internal void Add(RetentionPass pass)
    {
        Interlocked.Increment(ref _passes);
        Interlocked.Add(ref _floorEvents, pass.FloorEvents);
        Interlocked.Add(ref _tasks, pass.Tasks);
        Interlocked.Add(ref _auditRecords, pass.AuditRecords);
        Interlocked.Add(ref _outboxEvents, pass.OutboxEvents);
    }
}
