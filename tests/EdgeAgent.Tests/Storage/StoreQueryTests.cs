using System.Collections;
using System.Reflection;
using EdgeAgent.Storage;
using LiteDB;

namespace EdgeAgent.Tests.Storage;

/// <summary>
/// <see cref="StoreQuery"/>: LiteDB's predicates with the value as a parameter, so a query per new value compiles
/// nothing new, selects what LiteDB's own predicates select, and still uses the field's index.
/// </summary>
public sealed class StoreQueryTests : IDisposable
{
    // Values no other test queries, so the process-wide cache can be searched for them while tests run in parallel.
    private const long Marker = 918_273_645_000;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LiteDbsOwnPredicate_CompilesADelegatePerValue_WhichIsWhyStoreQueryExists()
    {
        using var db = Open();
        var docs = Filled(db);

        _ = docs.Find(Query.GT("_id", Marker + 1)).ToList();

        Assert.Contains(CompiledExpressionTexts(), text => text.Contains($"{Marker + 1}", StringComparison.Ordinal));
    }

    [Fact]
    public void AQueryPerNewValue_CompilesNoExpressionForTheValue()
    {
        using var db = Open();
        var docs = Filled(db);

        for (long v = Marker + 100; v < Marker + 150; v++)
        {
            _ = docs.Find(StoreQuery.GT("_id", v)).ToList();
            _ = docs.Find(StoreQuery.LTE("_id", v)).ToList();
            _ = docs.Find(StoreQuery.Between("_id", v, v + 1)).ToList();
            _ = docs.Find(StoreQuery.EQ("Bucket", v)).ToList();
        }

        Assert.DoesNotContain(CompiledExpressionTexts(), text => Enumerable.Range(100, 51).Any(i => text.Contains($"{Marker + i}", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(25)]
    public void EachPredicate_SelectsWhatLiteDbsOwnSelects(long value)
    {
        using var db = Open();
        var docs = Filled(db);
        List<long> Ids(BsonExpression predicate) => [.. docs.Find(predicate).Select(d => d["_id"].AsInt64).Order()];

        Assert.Equal(Ids(Query.EQ("_id", value)), Ids(StoreQuery.EQ("_id", value)));
        Assert.Equal(Ids(Query.LT("_id", value)), Ids(StoreQuery.LT("_id", value)));
        Assert.Equal(Ids(Query.LTE("_id", value)), Ids(StoreQuery.LTE("_id", value)));
        Assert.Equal(Ids(Query.GT("_id", value)), Ids(StoreQuery.GT("_id", value)));
        Assert.Equal(Ids(Query.GTE("_id", value)), Ids(StoreQuery.GTE("_id", value)));
        Assert.Equal(Ids(Query.Between("_id", value - 3, value + 3)), Ids(StoreQuery.Between("_id", value - 3, value + 3)));
        Assert.Equal(Ids(Query.In("_id", value, value + 2)), Ids(StoreQuery.In("_id", [value, value + 2])));
        Assert.Equal(Ids(Query.EQ("Bucket", value % 4)), Ids(StoreQuery.EQ("Bucket", value % 4)));
        var at = new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc).AddMinutes(value);
        Assert.Equal(Ids(Query.Between("At", DateTime.MinValue, at)), Ids(StoreQuery.Between("At", DateTime.MinValue, at)));
    }

    [Fact]
    public void APredicateOnAnIndexedField_IsAnsweredFromTheIndex()
    {
        using var db = Open();
        var docs = Filled(db);

        var byId = docs.Query().Where(StoreQuery.GT("_id", 10)).GetPlan();
        var byBucket = docs.Query().Where(StoreQuery.EQ("Bucket", 2)).GetPlan();
        var byTime = docs.Query().Where(StoreQuery.Between("At", DateTime.MinValue, DateTime.UtcNow)).GetPlan();

        Assert.Equal("_id", byId["index"]["name"].AsString);
        Assert.Equal("Bucket", byBucket["index"]["name"].AsString);
        Assert.Equal("At", byTime["index"]["name"].AsString);
        foreach (var plan in new[] { byId, byBucket, byTime })
        {
            // The predicate became the index's range, not a filter over a full scan.
            Assert.DoesNotContain("FULL INDEX SCAN", plan["index"]["mode"].AsString, StringComparison.Ordinal);
        }
    }

    private LiteDatabase Open() => new($"Filename={System.IO.Path.Combine(_dir.Path, "q.db")};Connection=direct");

    private static ILiteCollection<BsonDocument> Filled(LiteDatabase db)
    {
        var docs = db.GetCollection("docs");
        var start = new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc);
        for (long i = 1; i <= 20; i++)
        {
            docs.Insert(new BsonDocument { ["_id"] = i, ["Bucket"] = i % 4, ["At"] = start.AddMinutes(i) });
        }

        docs.EnsureIndex("Bucket");
        docs.EnsureIndex("At");
        return docs;
    }

    /// <summary>The texts LiteDB has compiled a delegate for in this process (its private, process-wide caches).</summary>
    private static List<string> CompiledExpressionTexts()
    {
        var texts = new List<string>();
        foreach (var name in new[] { "_cacheScalar", "_cacheEnumerable" })
        {
            var field = typeof(BsonExpression).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new InvalidOperationException($"LiteDB's BsonExpression has no {name} any more: check whether it still compiles per text");
            // A ConcurrentDictionary: its Keys are a snapshot, safe while other tests compile.
            var cache = (IDictionary)field.GetValue(null)!;
            texts.AddRange(cache.Keys.Cast<string>());
        }

        return texts;
    }
}
