using EdgeAgent.Audit;
using EdgeAgent.Storage;

namespace EdgeAgent.Governance;

/// <summary>
/// The audit chain's verification state for the console: the last full walk (a page per short store read) and when it
/// ran; a request finds it at most <see cref="MaxAge"/> old, and one walk runs at a time.
/// </summary>
public sealed class AuditChainCheck(DurableStore store, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _walk = new(1, 1);
    private State? _last;

    /// <summary>The result of a walk and when it finished.</summary>
    public sealed record State(AuditVerification Result, long HeadSeq, DateTimeOffset CheckedAt);

    public async Task<State> CurrentAsync(CancellationToken ct)
    {
        if (Fresh(Volatile.Read(ref _last)) is { } fresh)
        {
            return fresh;
        }

        await _walk.WaitAsync(ct);
        try
        {
            if (Fresh(_last) is { } done)
            {
                return done;
            }

            var head = store.Read(db => new AuditCollections(db).Head.FindById(AuditChainHead.SingletonId)) ?? new AuditChainHead();
            var result = AuditVerifier.Verify(head, after => store.Read(db => new AuditCollections(db).Page(after, AuditVerifier.PageSize)));
            var state = new State(result, head.LastSeq, time.GetUtcNow());
            Volatile.Write(ref _last, state);
            return state;
        }
        finally
        {
            _walk.Release();
        }
    }

    public void Dispose() => _walk.Dispose();

    private State? Fresh(State? state) => state is not null && time.GetUtcNow() - state.CheckedAt < MaxAge ? state : null;
}
