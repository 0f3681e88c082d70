namespace EdgeAgent.Fulfilment;

/// <summary>
/// The first open tasks in one order (a key, then task id), as read once in a store write: every task the rule
/// asks for in that write is served from here instead of sorting the open pool again. The pick loop's refresh asks
/// once per idle picker, and each ask read and sorted every open task: at 100 pickers that was the largest single
/// cost of a shift. Exact while tasks only leave the open pool (each is removed as it is saved); when the read was
/// cut short and too few are left to serve a full answer, the window is no longer <see cref="Usable"/> and the next
/// ask reads again.
/// </summary>
internal sealed class OpenTaskWindow(List<PickTask> tasks, bool complete, int serve)
{
    /// <summary>Every open task was read (fewer than the read's limit), so removals leave it exact at any size.</summary>
    public bool Complete { get; } = complete;

    /// <summary>It can still answer exactly: it holds every open task, or at least the number an answer takes.</summary>
    public bool Usable => Complete || tasks.Count >= serve;

    /// <summary>The first <c>serve</c> tasks, in order; a new list the caller may keep.</summary>
    public List<PickTask> First() => tasks.GetRange(0, Math.Min(serve, tasks.Count));

    public void Remove(string taskId)
    {
        var at = tasks.FindIndex(t => string.Equals(t.Id, taskId, StringComparison.Ordinal));
        if (at >= 0)
        {
            tasks.RemoveAt(at);
        }
    }
}
