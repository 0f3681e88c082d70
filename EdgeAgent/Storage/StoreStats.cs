namespace EdgeAgent.Storage;

/// <summary>What the store's writer has done since it opened.</summary>
/// <param name="GroupsCommitted">Transactions committed and fsynced (a group re-run change by change counts each commit).</param>
/// <param name="ChangesCommitted">Changes acknowledged to their callers as durable.</param>
/// <param name="LargestGroup">Most changes that shared one transaction.</param>
/// <param name="Fsyncs">fsync calls on the LiteDB log file.</param>
/// <param name="FailedChanges">Changes whose caller got an exception.</param>
/// <param name="AckRecordFsyncs">fsync calls on the acknowledgement record outside LiteDB (at most about one a second).</param>
public sealed record StoreStats(long GroupsCommitted, long ChangesCommitted, int LargestGroup, long Fsyncs, long FailedChanges, long AckRecordFsyncs = 0)
{
    /// <summary>Nothing written yet.</summary>
    public static StoreStats Empty { get; } = new(0, 0, 0, 0, 0);
}
