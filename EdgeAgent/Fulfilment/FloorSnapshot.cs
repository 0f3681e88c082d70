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
    IReadOnlyList<FloorEvent> RecentEvents)
{
    public const int MaxTasksShown = 200;
    public const int RecentEventCount = 30;

    public static FloorSnapshot Read(LiteDatabase db)
    {
        var floor = new FloorCollections(db);
        int Count(PickTaskStatus s) => floor.Tasks.Count(t => t.Status == s);

        // Work in progress first, then what is waiting, then the most recently finished.
        var active = floor.Tasks.Find(t => t.Status == PickTaskStatus.Assigned || t.Status == PickTaskStatus.Open)
            .OrderByDescending(t => t.Status)
            .ThenBy(t => t.DueAt)
            .Take(MaxTasksShown)
            .ToList();
        var done = floor.Tasks.Find(t => t.Status == PickTaskStatus.Picked || t.Status == PickTaskStatus.ShortPicked)
            .OrderByDescending(t => t.CompletedAt)
            .Take(Math.Max(0, MaxTasksShown - active.Count));
        var recent = floor.Events.Find(Query.All(Query.Descending), limit: RecentEventCount).ToList();
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
