namespace EdgeAgent.Audit;

/// <summary>The result of walking the audit chain: intact with its length, or the first broken link.</summary>
public sealed record AuditVerification
{
    public required bool Intact { get; init; }

    /// <summary>Records checked (all of them when intact).</summary>
    public required long Records { get; init; }

    /// <summary>The sequence number where the chain first breaks.</summary>
    public long? BrokenAt { get; init; }

    /// <summary>What is wrong there, in words an auditor can act on.</summary>
    public string? Problem { get; init; }

    public override string ToString() => Intact
        ? $"OK: {Records} audit records, chain intact"
        : $"BROKEN at seq {BrokenAt}: {Problem}";
}
