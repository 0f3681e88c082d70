using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Rebalancing;
using EdgeAgent.Planning;
using EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Planning;

/// <summary>The planner over a real store and the shipped models, driven by a fake clock.</summary>
public sealed class DriftLatchTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-drift-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly PlanBoard _board = new();
    private DurableStore _store = null!;

    [Fact]
    public async Task PicksMuchFasterThanPredicted_LatchTheRule_AcrossARestart_UntilAPersonReenables()
    {
        var planner = await StartAsync();
        await planner.RebalanceAsync(RebalanceTrigger.Manual, CancellationToken.None);
        Assert.Equal("model", _board.Current.Method);

        await FinishPicksAsync(count: 12, predicted: 100, actual: 10);
        await planner.RebalanceAsync(RebalanceTrigger.TaskDone, CancellationToken.None);
        Assert.True(planner.ModelsSwitchedOff);
        Assert.Equal("rule", _board.Current.Method);
        Assert.StartsWith("DriftLatched", _board.Current.FallbackReason, StringComparison.Ordinal);
        var alarm = Assert.Single(_store.Read(db => new FloorCollections(db).Events.OfType<ModelDriftAlarm>()));
        Assert.Equal("PickDuration", alarm.Signal);

        var restarted = await RestartAsync(planner);
        await restarted.RebalanceAsync(RebalanceTrigger.Manual, CancellationToken.None);
        Assert.True(restarted.ModelsSwitchedOff);
        Assert.Equal("rule", _board.Current.Method);

        await _store.WriteAsync(db =>
        {
            restarted.Reenable(db, "sam", _time.GetUtcNow().UtcDateTime);
            return 0;
        });
        restarted.Reenabled("sam");
        await restarted.RebalanceAsync(RebalanceTrigger.Manual, CancellationToken.None);
        Assert.False(restarted.ModelsSwitchedOff);
        Assert.Equal("model", _board.Current.Method);
        restarted.Dispose();
    }

    [Fact]
    public async Task PicksAsPredicted_RaiseNoAlarm()
    {
        var planner = await StartAsync();

        await FinishPicksAsync(count: 12, predicted: 60, actual: 62);
        await planner.RebalanceAsync(RebalanceTrigger.TaskDone, CancellationToken.None);

        Assert.False(planner.ModelsSwitchedOff);
        Assert.Equal("model", _board.Current.Method);
        Assert.Empty(_store.Read(db => new FloorCollections(db).Events.OfType<ModelDriftAlarm>()));
        planner.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<PickPlanner> StartAsync()
    {
        _store ??= DurableStore.Open(new StoreOptions { DataDirectory = _directory }, NullLogger<DurableStore>.Instance, _time);
        await _store.WriteAsync(db =>
        {
            FloorCollections.EnsureIndexes(db);
            var floor = new FloorCollections(db);
            floor.Pickers.Upsert(new PickerSession { Id = "P-1", DeviceId = "hh-1" });
            return TaskIntake.AddNew(db, [new NewPickTask("T-OPEN", "B-03-1", "SKU-9", 2, _time.GetUtcNow().AddHours(1))], _time.GetUtcNow().UtcDateTime);
        });
        var options = new PlanningOptions { Drift = { WindowSize = 10, MinimumSamples = 10 } };
        var planner = new PickPlanner(_store, _board, FloorJournal.Standalone, Options.Create(options), Options.Create(new PickerOptions()), _time, NullLogger<PickPlanner>.Instance);
        await planner.InitialiseAsync(CancellationToken.None);
        return planner;
    }

    private async Task<PickPlanner> RestartAsync(PickPlanner planner)
    {
        planner.Dispose();
        await _store.DisposeAsync();
        _store = DurableStore.Open(new StoreOptions { DataDirectory = _directory }, NullLogger<DurableStore>.Instance, _time);
        return await StartAsync();
    }

    private Task<int> FinishPicksAsync(int count, double predicted, double actual)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        var done = _time.GetUtcNow().UtcDateTime;
        return _store.WriteAsync(db =>
        {
            var floor = new FloorCollections(db);
            for (var i = 0; i < count; i++)
            {
                floor.SaveTask(new PickTask
                {
                    Id = $"T-DONE-{Guid.NewGuid():N}",
                    Location = "A-01-1",
                    Sku = "SKU-1",
                    Quantity = 1,
                    OrderId = $"SO-{i}",
                    Zone = "A",
                    Status = PickTaskStatus.Picked,
                    AssignedTo = "P-1",
                    AssignedAt = done.AddSeconds(-actual),
                    PredictedSeconds = predicted,
                    CompletedAt = done,
                    DueAt = done.AddHours(1),
                });
            }

            return count;
        });
    }
}
