using LiteDB;

namespace EdgeAgent.Audit;

/// <summary>Finds audit records by subject and time, newest first, a page at a time, through the subject and time indexes.</summary>
public static class AuditSearch
{
    /// <summary>The page's records, newest first, and the <c>before</c> of the next page (null on the last).</summary>
    public static (List<AuditRecord> Records, long? Next) Find(LiteDatabase db, AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var audit = new AuditCollections(db);
        var high = (query.Before ?? long.MaxValue) - 1;
        var low = 1L;
        if (query.To is { } to)
        {
            high = Math.Min(high, audit.Records.Query().Where(r => r.At <= to).OrderByDescending(r => r.At).Limit(1).FirstOrDefault()?.Seq ?? 0);
        }

        if (query.From is { } from)
        {
            low = audit.Records.Query().Where(r => r.At >= from).OrderBy(r => r.At).Limit(1).FirstOrDefault()?.Seq ?? long.MaxValue;
        }

        var filters = Filters(query).ToList();
        List<AuditRecord> page;
        if (filters.Count == 0)
        {
            page = audit.Records.Query().Where(r => r.Seq >= low && r.Seq <= high).OrderByDescending(r => r.Seq).Limit(query.Limit + 1).ToList();
        }
        else
        {
            HashSet<long>? matching = null;
            foreach (var keys in filters)
            {
                var seqs = keys.SelectMany(k => audit.Subjects.Find(s => s.Key == k).Select(s => s.Seq)).Where(s => s >= low && s <= high).ToHashSet();
                matching = matching is null ? seqs : [.. matching.Intersect(seqs)];
            }

            page = [.. matching!.OrderDescending().Take(query.Limit + 1).Select(s => audit.Records.FindById(s)).OfType<AuditRecord>()];
        }

        return page.Count > query.Limit ? (page[..query.Limit], page[query.Limit - 1].Seq) : (page, null);
    }

    private static IEnumerable<string[]> Filters(AuditQuery q)
    {
        if (!string.IsNullOrEmpty(q.Order))
        {
            yield return [AuditSubjects.Key("order", q.Order)];
        }

        if (!string.IsNullOrEmpty(q.Task))
        {
            yield return [AuditSubjects.Key("task", q.Task)];
        }

        if (!string.IsNullOrEmpty(q.Device))
        {
            yield return [AuditSubjects.Key("device", q.Device)];
        }

        if (!string.IsNullOrEmpty(q.Person))
        {
            yield return [AuditSubjects.Key("person", q.Person), AuditSubjects.Key("picker", q.Person)];
        }
    }
}
