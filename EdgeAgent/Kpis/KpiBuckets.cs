using LiteDB;

namespace EdgeAgent.Kpis;

/// <summary>The stored KPI buckets: the one an instant falls in, saving it (and forgetting those older than kept), a range of them.</summary>
public sealed class KpiBuckets(LiteDatabase db, KpiOptions options)
{
    private readonly ILiteCollection<KpiBucket> _buckets = db.GetCollection<KpiBucket>(KpiBucket.Collection);

    private long Seconds => options.BucketMinutes * 60L;

    /// <summary>The start (Unix seconds) of the bucket <paramref name="at"/> falls in.</summary>
    public static long StartOf(DateTimeOffset at, int bucketMinutes)
    {
        var seconds = at.ToUnixTimeSeconds();
        var size = bucketMinutes * 60L;
        return seconds - (((seconds % size) + size) % size);
    }

    public KpiBucket For(DateTime at)
    {
        var id = StartOf(new DateTimeOffset(DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc)), options.BucketMinutes);
        return _buckets.FindById(id) ?? new KpiBucket { Id = id };
    }

    public void Save(KpiBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (_buckets.Upsert(bucket))
        {
            // A new bucket: the oldest beyond the kept days go (by id range, so it costs nothing most of the time).
            var oldest = bucket.Id - (options.KeepDays * 86_400L);
            _buckets.DeleteMany(b => b.Id < oldest);
        }
    }

    /// <summary>The buckets that start in [<paramref name="from"/>, <paramref name="to"/>), in time order.</summary>
    public List<KpiBucket> Range(long from, long to) =>
        _buckets.Query().Where(b => b.Id >= from && b.Id < to).OrderBy(b => b.Id).ToList();

    internal long Size => Seconds;
}
