using LiteDB;

namespace EdgeAgent.Audit;

/// <summary>The audit chain's collections in the agent's store.</summary>
public sealed class AuditCollections(LiteDatabase db)
{
    public ILiteCollection<AuditRecord> Records { get; } = db.GetCollection<AuditRecord>("audit");

    public ILiteCollection<AuditChainHead> Head { get; } = db.GetCollection<AuditChainHead>("audit_head");

    /// <summary>What each record is about, for searching (see <see cref="AuditSubjects"/>).</summary>
    public ILiteCollection<AuditSubject> Subjects { get; } = db.GetCollection<AuditSubject>("audit_subjects");

    public static void EnsureIndexes(LiteDatabase db)
    {
        var audit = new AuditCollections(db);
        audit.Records.EnsureIndex(r => r.At);
        audit.Subjects.EnsureIndex(s => s.Key);

        // Retention removes the subjects of the records it cuts by sequence number.
        audit.Subjects.EnsureIndex(s => s.Seq);
    }

    /// <summary>Records after <paramref name="afterSeq"/> in sequence order, at most <paramref name="limit"/>.</summary>
    public List<AuditRecord> Page(long afterSeq, int limit) =>
        Records.Query().Where(r => r.Seq > afterSeq).OrderBy(r => r.Seq).Limit(limit).ToList();
}
