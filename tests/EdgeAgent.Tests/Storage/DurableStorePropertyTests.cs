using CsCheck;
using LiteDB;

namespace EdgeAgent.Tests.Storage;

public sealed class DurableStorePropertyTests
{
    [Fact]
    public Task AnyMixOfFailingAndGoodChanges_AfterReopen_ExactlyTheAcknowledgedOnesAreStored() =>
        Gen.Select(Gen.Int[1, 9], Gen.Bool.Array[1, 40]).SampleAsync(async (maxBatchSize, failing) =>
        {
            using var dir = new TempDirectory();
            var outcomes = new Task<BsonValue>[failing.Length];
            await using (var store = StoreFixture.Open(dir.Path, maxBatchSize))
            {
                for (var i = 0; i < failing.Length; i++)
                {
                    var id = i + 1;
                    var fails = failing[i];
                    outcomes[i] = store.WriteAsync(db =>
                    {
                        var key = db.GetCollection("events").Insert(new BsonDocument { ["_id"] = id });
                        return fails ? throw new InvalidOperationException($"change {id} rejected") : key;
                    });
                }

                await Task.WhenAll(outcomes).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            var acknowledged = Enumerable.Range(1, failing.Length).Where(id => outcomes[id - 1].IsCompletedSuccessfully).ToArray();
            Assert.Equal(Enumerable.Range(1, failing.Length).Where(id => !failing[id - 1]), acknowledged);

            await using var reopened = StoreFixture.Open(dir.Path);
            var stored = reopened.Read(db => db.GetCollection("events").FindAll().Select(d => d["_id"].AsInt32).Order().ToArray());
            Assert.Equal(acknowledged, stored);
        }, iter: 25, threads: 1);
}
