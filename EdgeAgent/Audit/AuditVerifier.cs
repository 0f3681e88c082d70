using LiteDB;

namespace EdgeAgent.Audit;

/// <summary>
/// Walks the audit chain in sequence order, a page at a time (bounded memory however long the chain),
/// up to the chain head read first, and reports the first broken link: a sequence gap (deleted), a
/// previous-hash mismatch (reordered or inserted), a hash mismatch (edited), or a chain that ends before
/// its head (tail deleted).
/// </summary>
public static class AuditVerifier
{
    internal const int PageSize = 512;

    /// <summary>Verifies the chain in <paramref name="db"/> (the CLI, holding the data directory).</summary>
    public static AuditVerification Verify(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var audit = new AuditCollections(db);
        return Verify(audit.Head.FindById(AuditChainHead.SingletonId) ?? new AuditChainHead(), after => audit.Page(after, PageSize));
    }

    /// <summary>
    /// Verifies the chain up to <paramref name="head"/>, reading pages through <paramref name="page"/> (records
    /// after a sequence number, in order): a running agent reads each page under its own short store read,
    /// and records appended meanwhile lie beyond the head and are left for the next run.
    /// </summary>
    public static AuditVerification Verify(AuditChainHead head, Func<long, List<AuditRecord>> page)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(page);
        // After retention cut the chain, the walk starts at its checkpoint: the first kept record must link to the hash
        // of the last removed one.
        var cut = head.CutSeq > 0 ? head.CutSeq : 0;
        long expected = cut + 1;
        var previousHash = cut > 0 ? head.CutHash ?? "" : AuditHash.Genesis;
        while (expected <= head.LastSeq)
        {
            var records = page(expected - 1);
            foreach (var record in records.TakeWhile(r => r.Seq <= head.LastSeq))
            {
                if (Check(record, expected, previousHash) is { } problem)
                {
                    return Broken(expected - 1 - cut, record.Seq, problem, cut);
                }

                previousHash = record.Hash;
                expected++;
            }

            if (records.Count < PageSize)
            {
                break;
            }
        }

        var last = expected - 1;
        if (last != head.LastSeq || !string.Equals(head.LastHash, previousHash, StringComparison.Ordinal))
        {
            return Broken(last - cut, last + 1, $"the chain head says the last record is seq {head.LastSeq} but the chain ends at seq {last}: records after it were deleted, or the head was altered", cut);
        }

        return new AuditVerification { Intact = true, Records = last - cut, FromCheckpoint = cut > 0 ? cut : null };
    }

    private static string? Check(AuditRecord record, long expected, string previousHash)
    {
        if (record.Seq != expected)
        {
            return $"sequence gap: expected seq {expected}, found {record.Seq} (records {expected}..{record.Seq - 1} were deleted)";
        }

        if (!string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return $"previous-hash mismatch: the record does not follow seq {expected - 1} (records were reordered or one was inserted, or the retention checkpoint was altered)";
        }

        var actual = AuditHash.Compute(record);
        return string.Equals(actual, record.Hash, StringComparison.Ordinal)
            ? null
            : $"hash mismatch: the record's content does not match its hash (it was edited); stored {record.Hash}, computed {actual}";
    }

    private static AuditVerification Broken(long count, long seq, string problem, long cut) =>
        new() { Intact = false, Records = count, BrokenAt = seq, Problem = problem, FromCheckpoint = cut > 0 ? cut : null };
}
