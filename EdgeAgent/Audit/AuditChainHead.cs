namespace EdgeAgent.Audit;

/// <summary>The last record's sequence number and hash, so an append never scans the chain.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastSeq { get; set; }

    public string LastHash { get; set; } = AuditHash.Genesis;

    /// <summary>
    /// The retention checkpoint: records 1..CutSeq left this gateway (central keeps the full chain); 0 when none did.
    /// The verifier starts after it, checking the first kept record against <see cref="CutHash"/>.
    /// </summary>
    public long CutSeq { get; set; }

    /// <summary>The hash of the last removed record (seq <see cref="CutSeq"/>), to which the first kept record links.</summary>
    public string? CutHash { get; set; }

    /// <summary>When the last removed record was written (UTC).</summary>
    public DateTime? CutAt { get; set; }
}
