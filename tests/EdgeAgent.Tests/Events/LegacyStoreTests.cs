using System.IO.Compression;
using System.Text.Json;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Events;

/// <summary>
/// A store written before floor events were typed (a 25-second run of the demo, by the agent of 2026-12-05)
/// still opens: its history reads back as legacy events with their original type and text, and new events are typed.
/// </summary>
public sealed class LegacyStoreTests
{
    [Fact]
    public async Task StoreWrittenBeforeTypedEvents_Starts_AndReadsItsHistoryAsLegacyEvents()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-legacy-").FullName;
        await using (var packed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Events", "Fixtures", "store-before-typed-events.db.gz")))
        await using (var gzip = new GZipStream(packed, CompressionMode.Decompress))
        await using (var file = File.Create(Path.Combine(directory, "edgeagent.db")))
        {
            await gzip.CopyToAsync(file);
        }

        await using var agent = await RunningAgent.StartAsync(RunningAgent.Settings(directory, "hh-1"), ownsDirectory: true);
        var store = agent.Services.GetRequiredService<DurableStore>();
        var (legacy, typedBefore, history) = store.Read(db =>
        {
            var log = new FloorEventLog(db);
            return (log.LegacyCount(), log.Count(), log.Recent(1_000));
        });

        Assert.True(legacy > 100, $"the demo store holds its events, got {legacy}");
        var old = history.OfType<LegacyFloorEvent>().ToList();
        Assert.Equal(legacy, old.Count + Math.Max(0, typedBefore + legacy - 1_000));
        Assert.Contains(old, e => e.OriginalType == "task.picked" && e.Detail.Length > 0 && e.PickerId is not null && e.TaskId is not null);
        Assert.All(old, e => Assert.Equal("legacy", e.Type));
        Assert.Equal(0, store.Read(db => new FloorCollections(db).Tasks.Count(t => t.Id == null)));

        await agent.ReleaseAsync(new NewPickTask("T-NEW-1", "A-01-1", "SKU-1", 1, null));
        var recent = store.Read(db => new FloorEventLog(db).Recent(1));
        Assert.IsType<TasksReleased>(Assert.Single(recent));

        using var state = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/state"));
        var lines = state.RootElement.GetProperty("floor").GetProperty("recentEvents").EnumerateArray().ToList();
        Assert.Equal("tasks.released", lines[0].GetProperty("type").GetString());
        Assert.Contains(lines, l => l.GetProperty("type").GetString() == "legacy" && l.GetProperty("summary").GetString()!.Contains(':', StringComparison.Ordinal));
    }
}
