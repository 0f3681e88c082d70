namespace EdgeAgent.Retention;

/// <summary>What one retention pass removed.</summary>
/// <param name="At">When the pass ran.</param>
/// <param name="RemovedBefore">
/// Everything written before this moment and acknowledged by central was eligible (the newest retention mark that is
/// both older than the maximum age and acknowledged); null when no mark qualified yet, so nothing but acknowledged
/// outbox pages was removed.
/// </param>
/// <param name="FloorEvents">Floor events removed from <c>floor_history</c>.</param>
/// <param name="Tasks">Finished (picked or short-picked) tasks removed.</param>
/// <param name="AuditRecords">Audit records removed (the chain's checkpoint moved to <paramref name="AuditCheckpointSeq"/>).</param>
/// <param name="AuditCheckpointSeq">The audit chain's retention checkpoint after the pass; 0 when the chain was never cut.</param>
/// <param name="OutboxEvents">Acknowledged outbox events removed (whole pages).</param>
public sealed record RetentionPass(
    DateTimeOffset At,
    DateTimeOffset? RemovedBefore,
    long FloorEvents,
    long Tasks,
    long AuditRecords,
    long AuditCheckpointSeq,
    long OutboxEvents);
