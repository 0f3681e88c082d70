using LiteDB;

namespace EdgeAgent.Audit;

/// <summary>One link of the hash-chained audit log, as stored (collection <c>audit</c>, id = sequence number).</summary>
public sealed class AuditRecord
{
    /// <summary>1, 2, 3… without gaps; the document id.</summary>
    [BsonId(false)]
    public long Seq { get; set; }

    /// <summary>UTC, whole milliseconds (what the store keeps, so the hash survives a round trip).</summary>
    public DateTime At { get; set; }

    public AuditKind Kind { get; set; }

    public string ActionType { get; set; } = "";

    public long? DecisionSeq { get; set; }

    public string? Trigger { get; set; }

    public string? Inputs { get; set; }

    public string? Method { get; set; }

    public string? MethodVersion { get; set; }

    public double? Confidence { get; set; }

    public bool Fallback { get; set; }

    public string? Right { get; set; }

    public string? Scope { get; set; }

    public double? Threshold { get; set; }

    public string Actor { get; set; } = "";

    public string Verdict { get; set; } = "";

    public string? Outcome { get; set; }

    public string? Reason { get; set; }

    /// <summary>The previous record's <see cref="Hash"/>; 64 zeros for the first record.</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of <see cref="AuditHash.Canonical"/>.</summary>
    public string Hash { get; set; } = "";

    // The store reads an empty string back as null (LiteDB's EmptyStringToNull): hash what a verifier will read.
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static AuditRecord From(AuditEntry entry, long seq, DateTime at, string previousHash) => new()
    {
        Seq = seq,
        At = at,
        Kind = entry.Kind,
        ActionType = entry.ActionType,
        DecisionSeq = entry.DecisionSeq,
        Trigger = NullIfEmpty(entry.Trigger),
        Inputs = NullIfEmpty(entry.Inputs),
        Method = NullIfEmpty(entry.Method),
        MethodVersion = NullIfEmpty(entry.MethodVersion),
        Confidence = entry.Confidence,
        Fallback = entry.Fallback,
        Right = NullIfEmpty(entry.Right),
        Scope = NullIfEmpty(entry.Scope),
        Threshold = entry.Threshold,
        Actor = entry.Actor,
        Verdict = entry.Verdict,
        Outcome = NullIfEmpty(entry.Outcome),
        Reason = NullIfEmpty(entry.Reason),
        PreviousHash = previousHash,
    };
}
