using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>A caller's change waiting for the writer, with the task that tells the caller it is on disk.</summary>
internal abstract class PendingChange
{
    /// <summary>What the caller will tell a device once this change is durable; recorded with it.</summary>
    public AckMark? Mark { get; init; }

    private int _taken;

    /// <summary>
    /// For a change that rides with the next group (<see cref="DurableStore.WriteWithNextAsync{T}"/>): true for
    /// whichever takes it first, the writer into a group or the rider's own time-out into the queue.
    /// </summary>
    public bool TryTake() => Interlocked.Exchange(ref _taken, 1) == 0;

    /// <summary>Runs the change inside the writer's open transaction; may run more than once.</summary>
    public abstract void Run(LiteDatabase db);

    /// <summary>Tells the caller the change is durable, with the result of its last run.</summary>
    public abstract void Acknowledge();

    public abstract void Fail(Exception error);
}
