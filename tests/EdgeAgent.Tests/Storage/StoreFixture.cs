using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Tests.Storage;

/// <summary>Opens real stores in a temp directory and holds the writer still on demand, without clocks.</summary>
internal static class StoreFixture
{
    public static StoreOptions Options(string directory, int maxBatchSize = 512) =>
        new() { DataDirectory = directory, MaxBatchSize = maxBatchSize };

    public static DurableStore Open(string directory, int maxBatchSize = 512) =>
        DurableStore.Open(Options(directory, maxBatchSize), NullLogger<DurableStore>.Instance);

    /// <summary>
    /// Parks the writer inside a change until the gate is set, so everything queued meanwhile forms
    /// the next group. Returns once the writer is parked, with the parked change's task.
    /// </summary>
    public static async Task<Task<int>> HoldWriter(this DurableStore store, ManualResetEventSlim gate)
    {
        var parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = store.WriteAsync(_ =>
        {
            parked.TrySetResult();
            gate.Wait();
            return 0;
        });
        await parked.Task;
        return held;
    }

    public static Task<BsonValue> InsertEvent(this DurableStore store, int id, string collection = "events") =>
        store.WriteAsync(db => db.GetCollection(collection).Insert(new BsonDocument { ["_id"] = id, ["kind"] = "scan" }));

    public static int Count(this DurableStore store, string collection = "events") =>
        store.Read(db => db.GetCollection(collection).Count());
}
