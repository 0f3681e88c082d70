namespace EdgeAgent.Audit;

/// <summary>The result of walking the audit chain: intact with its length, or the first broken link.</summary>
public sealed record AuditVerification
{
    public required bool Intact { get; init; }

    /// <summary>Records checked (all of them when intact).</summary>
    public required long Records { get; init; }

    /// <summary>
    /// Set when the walk started at the retention checkpoint: the sequence number of the last removed record, whose hash
    /// the first kept record was checked against (earlier records left this gateway; central keeps the full chain).
    /// </summary>
    public long? FromCheckpoint { get; init; }

    /// <summary>The sequence number where the chain first breaks.</summary>
    public long? BrokenAt { get; init; }

    /// <summary>What is wrong there, in words an auditor can act on.</summary>
    public string? Problem { get; init; }

    public override string ToString() => (Intact, FromCheckpoint) switch
    {
        (true, null) => $"OK: {Records} audit records, chain intact",
        (true, { } cut) => $"OK: {Records} audit records, chain intact from the retention checkpoint at seq {cut} (records up to seq {cut} were removed from this gateway after central acknowledged them; central keeps the full chain)",
        (false, null) => $"BROKEN at seq {BrokenAt}: {Problem}",
        (false, { } cut) => $"BROKEN at seq {BrokenAt} (walk started at the retention checkpoint at seq {cut}): {Problem}",
    };
}
