using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>What the supervisor page shows: pickers, tasks and the pick counts.</summary>
public sealed record FloorSnapshot(
    IReadOnlyList<PickerSession> Pickers,
    IReadOnlyList<PickTask> Tasks,
    int Open,
    int Assigned,
    int Picked,
    int ShortPicked,
    IReadOnlyList<FloorEventLine> RecentEvents)
{
    public const int MaxTasksShown = 200;
    public const int RecentEventCount = 30;

    public static FloorSnapshot Read(LiteDatabase db)
    {
        var floor = new FloorCollections(db);
        int Count(PickTaskStatus s) => floor.Tasks.Count(t => t.Status == s);

        // Work in progress first, then what is waiting, then the most recently finished. Each part reads
        // at most a page of documents through an index: a day's finished work must not be loaded each
        // refresh, since reads take turns with the writer.
        var assigned = floor.Tasks.Find(t => t.Status == PickTaskStatus.Assigned, limit: MaxTasksShown).OrderBy(t => t.DueAt).ToList();
        var open = floor.Tasks.Find(t => t.Status == PickTaskStatus.Open, limit: MaxTasksShown - assigned.Count).OrderBy(t => t.DueAt);
        var active = assigned.Concat(open).ToList();
        var done = floor.Tasks.Find(Query.All(nameof(PickTask.CompletedAt), Query.Descending), limit: Math.Max(0, MaxTasksShown - active.Count))
            .Where(t => t.Status is PickTaskStatus.Picked or PickTaskStatus.ShortPicked);
        var recent = floor.Events.Recent(RecentEventCount).Select(FloorEventLine.Of).ToList();
        return new FloorSnapshot(
            floor.Pickers.FindAll().OrderBy(p => p.Id, StringComparer.Ordinal).ToList(),
            [.. active, .. done],
            Count(PickTaskStatus.Open),
            Count(PickTaskStatus.Assigned),
            Count(PickTaskStatus.Picked),
            Count(PickTaskStatus.ShortPicked),
            recent);
    }
}
