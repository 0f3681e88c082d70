using LiteDB;

namespace EdgeAgent.Tests.Storage;

/// <summary>
/// Readers beside the writer: LiteDB 5 corrupted pages in CI ("page type must be collection page",
/// "discarded page must be writable") when queries ran during a write transaction. The store makes
/// them take turns; this test runs many of both at once and checks every read saw a committed state.
/// </summary>
public sealed class ConcurrentReadTests : IDisposable
{
    private const int Writes = 2_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ManyReadersDuringGroupCommits_NeverFail_AndOnlySeeWholeGroups()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        var writes = Enumerable.Range(1, Writes).Select(id => Task.Run(() => store.WriteAsync(db =>
        {
            // Two documents per change: a reader must never see one without the other.
            db.GetCollection("events").Insert(new BsonDocument { ["_id"] = id, ["kind"] = "scan" });
            db.GetCollection("ledger").Upsert(new BsonDocument { ["_id"] = id, ["seq"] = id });
            return id;
        }))).ToList();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!writes.All(w => w.IsCompleted))
            {
                var (events, ledger) = store.Read(db => (db.GetCollection("events").Count(), db.GetCollection("ledger").Count()));
                Assert.Equal(events, ledger);
                var recent = store.Read(db => db.GetCollection("events").Find(Query.All(), limit: 50).ToList());
                Assert.True(recent.Count <= 50);
                reads++;
                await Task.Yield();
            }

            return reads;
        })).ToList();

        await Task.WhenAll(writes);
        var reads = await Task.WhenAll(readers);

        Assert.Equal(Writes, store.Count());
        Assert.Equal(Writes, store.Count("ledger"));
        Assert.All(reads, r => Assert.True(r > 0));
    }
}
