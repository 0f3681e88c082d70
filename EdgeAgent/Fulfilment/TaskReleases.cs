using EdgeAgent.Events;
using EdgeAgent.Storage;

namespace EdgeAgent.Fulfilment;

/// <summary>Adds released tasks to the open pool in one durable write (admin endpoint, seed file, demo waves).</summary>
public sealed class TaskReleases(DurableStore store, TimeProvider time, FloorJournal? journal = null)
{
    /// <summary>Adds the tasks not known yet; returns how many were added.</summary>
    public Task<int> AddNewAsync(IReadOnlyList<NewPickTask> tasks, CancellationToken ct) =>
        store.WriteAsync(db => TaskIntake.AddNew(db, tasks, time.GetUtcNow().UtcDateTime, journal), ct);

    /// <summary>All or nothing: when any id is already known, nothing is added and those ids are returned.</summary>
    public Task<(int Added, IReadOnlyList<string> Existing)> AddAllAsync(IReadOnlyList<NewPickTask> tasks, CancellationToken ct) =>
        store.WriteAsync(db =>
        {
            var existing = TaskIntake.Existing(db, tasks);
            return existing.Count > 0
                ? (0, existing)
                : (TaskIntake.AddNew(db, tasks, time.GetUtcNow().UtcDateTime, journal), existing);
        }, ct);
}
