using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Rebalancing;
using EdgeAgent.Planning;
using EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Planning;

/// <summary><c>Planning:DrivenByCaller</c>: the planner makes no plan of its own; each plan is the caller's (the shift scenario's stepped clock).</summary>
public sealed class PlannerDrivenByCallerTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-driven-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly PlanBoard _board = new();
    private DurableStore? _store;

    [Fact]
    public async Task DrivenByCaller_RunsNoLoop_AndPublishesExactlyThePlansTheCallerAsksFor()
    {
        _store = DurableStore.Open(new StoreOptions { DataDirectory = _directory }, NullLogger<DurableStore>.Instance, _time);
        await _store.WriteAsync(db =>
        {
            FloorCollections.EnsureIndexes(db);
            new FloorCollections(db).Pickers.Upsert(new PickerSession { Id = "P-1", DeviceId = "hh-1" });
            return TaskIntake.AddNew(db, [new NewPickTask("T-1", "B-03-1", "SKU-9", 2, _time.GetUtcNow().AddHours(1))], _time.GetUtcNow().UtcDateTime);
        });
        using var planner = new PickPlanner(_store, _board, FloorJournal.Standalone, Options.Create(new PlanningOptions { DrivenByCaller = true }),
            Options.Create(new PickerOptions()), _time, NullLogger<PickPlanner>.Instance);

        await planner.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var before = _board.Current.Seq;
        await planner.InitialiseAsync(CancellationToken.None);
        await planner.RebalanceAsync(RebalanceTrigger.Manual, CancellationToken.None);
        await planner.RebalanceAsync(RebalanceTrigger.TaskDone, CancellationToken.None);

        Assert.True(planner.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(0L, before);
        Assert.Equal((2L, "model"), (_board.Current.Seq, _board.Current.Method));
        await planner.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
