using EdgeAgent.Fulfilment;

namespace EdgeAgent.Tests.Fulfilment;

public sealed class FloorSnapshotTests : IDisposable
{
    private readonly FloorFixture _floor = new("hh-1");

    public void Dispose() => _floor.Dispose();

    [Fact]
    public void Snapshot_ShowsWorkInHandFirst_ThenWaitingByDueTime_ThenTheMostRecentlyFinished()
    {
        _floor.Release(("T-1", "A-01-1", "SKU-1", 1, 10), ("T-2", "A-01-2", "SKU-2", 1, 20), ("T-3", "A-01-3", "SKU-3", 1, 5));
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-3");
        _floor.Scan("hh-1", "SKU-3");
        _floor.Confirm("hh-1", 1);

        var snapshot = FloorSnapshot.Read(_floor.Db);

        Assert.Equal(["T-1", "T-2", "T-3"], snapshot.Tasks.Select(t => t.Id));
        Assert.Equal(PickTaskStatus.Assigned, snapshot.Tasks[0].Status);
        Assert.Equal((1, 1, 1, 0), (snapshot.Open, snapshot.Assigned, snapshot.Picked, snapshot.ShortPicked));
    }

    [Fact]
    public void Snapshot_NeverListsMoreThanOnePageOfTasks()
    {
        _floor.Release([.. Enumerable.Range(1, FloorSnapshot.MaxTasksShown + 50).Select(i => ($"T-{i}", "A-01-1", "SKU-1", 1, i))]);

        var snapshot = FloorSnapshot.Read(_floor.Db);

        Assert.Equal(FloorSnapshot.MaxTasksShown, snapshot.Tasks.Count);
        Assert.Equal(FloorSnapshot.MaxTasksShown + 50, snapshot.Open);
    }
}
