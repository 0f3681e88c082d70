using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>A queued change that yields a <typeparamref name="T"/> to its caller.</summary>
internal sealed class PendingChange<T>(Func<LiteDatabase, T> change) : PendingChange
{
    // Continuations must not run on the writer thread: they would hold up the next group.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;

    public override void Run(LiteDatabase db) => _result = change(db);

    public override void Acknowledge() => _done.TrySetResult(_result!);

    public override void Fail(Exception error) => _done.TrySetException(error);
}
