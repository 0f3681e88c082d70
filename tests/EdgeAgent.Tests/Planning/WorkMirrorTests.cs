using EdgeAgent.Fulfilment;
using EdgeAgent.Planning;
using EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Planning;

/// <summary>The planner's copy of the open work, caught up a page at a time from task revisions.</summary>
public sealed class WorkMirrorTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-mirror-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly DurableStore _store;

    public WorkMirrorTests() =>
        _store = DurableStore.Open(new StoreOptions { DataDirectory = _directory }, NullLogger<DurableStore>.Instance, _time);

    [Fact]
    public async Task CatchUp_ReadsABacklogBiggerThanAPage_ThenOnlyWhatChanged()
    {
        var mirror = new WorkMirror(pageSize: 7);
        await ReleaseAsync(50);

        var first = mirror.CatchUp(_store);
        await _store.WriteAsync(db =>
        {
            var floor = new FloorCollections(db);
            var picked = floor.Tasks.FindById("T-03");
            picked.Status = PickTaskStatus.Picked;
            picked.CompletedAt = _time.GetUtcNow().UtcDateTime;
            floor.SaveTask(picked);
            var assigned = floor.Tasks.FindById("T-04");
            assigned.Status = PickTaskStatus.Assigned;
            floor.SaveTask(assigned);
            return 0;
        });
        await ReleaseAsync(2, from: 50);
        var second = mirror.CatchUp(_store);

        Assert.Empty(first);
        Assert.Equal("T-03", Assert.Single(second).Id);
        Assert.Equal(51, mirror.Unfinished.Count);
        Assert.Equal(PickTaskStatus.Assigned, mirror.Unfinished.Single(t => t.Id == "T-04").Status);
        Assert.Contains(mirror.Unfinished, t => t.Id == "T-51");
        Assert.Empty(mirror.CatchUp(_store));
    }

    [Fact]
    public async Task CatchUp_TakesTasksStoredBeforeRevisionsExisted()
    {
        await _store.WriteAsync(db =>
        {
            FloorCollections.EnsureIndexes(db);
            new FloorCollections(db).Tasks.Insert(new PickTask { Id = "T-OLD", Location = "A-01-1", Sku = "S", Quantity = 1, Status = PickTaskStatus.Open });
            return 0;
        });

        var mirror = new WorkMirror();
        mirror.CatchUp(_store);

        Assert.Equal("T-OLD", Assert.Single(mirror.Unfinished).Id);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<int> ReleaseAsync(int count, int from = 0) => _store.WriteAsync(db =>
    {
        FloorCollections.EnsureIndexes(db);
        var now = _time.GetUtcNow();
        return TaskIntake.AddNew(db, [.. Enumerable.Range(from, count).Select(i => new NewPickTask($"T-{i:00}", "A-01-1", "SKU", 1, now.AddMinutes(i)))], now.UtcDateTime);
    });
}
