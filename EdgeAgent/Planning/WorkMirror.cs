using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;

namespace EdgeAgent.Planning;

/// <summary>
/// The planner's copy of the unfinished work (open and assigned tasks), kept current by reading only the
/// tasks whose revision moved since the last look, a page per store read: readers take turns with the
/// store's writer, so one long read of a 5,000-task backlog would stall the pick loop behind it.
/// </summary>
internal sealed class WorkMirror(int pageSize = WorkMirror.DefaultPageSize)
{
    public const int DefaultPageSize = 500;

    private readonly Dictionary<string, PickTask> _unfinished = new(StringComparer.Ordinal);

    // Tasks written before revisions existed carry 0; the first catch-up starts below it.
    private long _revision = -1;

    public IReadOnlyCollection<PickTask> Unfinished => _unfinished.Values;

    /// <summary>Reads what changed since the last call; returns the tasks that finished meanwhile.</summary>
    public List<PickTask> CatchUp(DurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var finished = new List<PickTask>();
        while (true)
        {
            var after = _revision;
            var page = store.Read(db => new FloorCollections(db).Tasks.Query()
                .Where(t => t.Revision > after)
                .OrderBy(t => t.Revision)
                .Limit(pageSize)
                .ToList());
            foreach (var task in page)
            {
                _revision = Math.Max(_revision, task.Revision);
                if (task.Status is PickTaskStatus.Open or PickTaskStatus.Assigned)
                {
                    _unfinished[task.Id] = task;
                }
                else if (_unfinished.Remove(task.Id) || task.CompletedAt is not null)
                {
                    finished.Add(task);
                }
            }

            if (page.Count < pageSize)
            {
                return finished;
            }
        }
    }
}
