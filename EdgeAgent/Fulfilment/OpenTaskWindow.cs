namespace EdgeAgent.Fulfilment;

/// <summary>
/// The open pool in one order (a key, then task id), as read once in a store write: every task the rule asks for
/// in that write is served from here instead of reading and sorting the pool again. The pick loop's refresh asks
/// once per idle picker, and at 100 pickers those reads were the largest single cost of a shift. Exact while tasks
/// only leave the open pool: <see cref="FloorCollections.SaveTask"/> removes each one that does, and drops the
/// window when a task is saved open.
/// </summary>
internal sealed class OpenTaskWindow(List<PickTask> tasks, int serve)
{
    /// <summary>The first <c>serve</c> tasks, in order; a new list the caller may keep.</summary>
    public List<PickTask> First() => tasks.GetRange(0, Math.Min(serve, tasks.Count));

    /// <summary>The first task in order that <paramref name="eligible"/> accepts, or null.</summary>
    public PickTask? FirstWhere(Func<PickTask, bool> eligible) => tasks.Find(t => eligible(t));

    public void Remove(string taskId)
    {
        var at = tasks.FindIndex(t => string.Equals(t.Id, taskId, StringComparison.Ordinal));
        if (at >= 0)
        {
            tasks.RemoveAt(at);
        }
    }
}
