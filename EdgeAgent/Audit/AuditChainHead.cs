namespace EdgeAgent.Audit;

/// <summary>The last record's sequence number and hash, so an append never scans the chain.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastSeq { get; set; }

    public string LastHash { get; set; } = AuditHash.Genesis;
}
