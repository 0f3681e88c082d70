using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

/// <summary>
/// Escalates exceptions whose SLA ran out. The deadlines live in the store, so after a restart the first
/// sweep (at start) catches up on everything that fell due while the agent was down.
/// </summary>
public sealed partial class ExceptionSweeper(
    DurableStore store,
    FloorJournal journal,
    TimeProvider time,
    IOptions<ExceptionOptions> options,
    ILogger<ExceptionSweeper> logger,
    Governance.GovernanceGate? gate = null) : IHostedService, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;

    /// <summary>The sweep started last (completed when idle): tests await it after advancing the clock.</summary>
    public Task LastSweep { get; private set; } = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        var every = options.Value.SweepInterval;
        _timer = time.CreateTimer(_ => StartSweep(), null, every, every);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync();
        await LastSweep.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync();
        }
    }

    /// <summary>Escalates what is due now; returns how many cases were due.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var types = options.Value.Types;

        // Most sweeps find nothing due: a read then, not a store write and an fsync every SweepInterval. A case that
        // falls due after this look is the next sweep's, as one falling due just after the write would be.
        if (!store.Read(db => ExceptionBook.AnyDue(db, now)))
        {
            return 0;
        }

        var escalated = await store.WriteAsync(db => ExceptionBook.EscalateDue(new FloorCollections(db, journal), types, now, gate), ct);
        if (escalated > 0)
        {
            LogEscalated(logger, escalated);
        }

        return escalated;
    }

    private void StartSweep()
    {
        lock (_gate)
        {
            // A slow store must not pile sweeps up behind each other.
            if (LastSweep.IsCompleted)
            {
                LastSweep = SweepLoggedAsync();
            }
        }
    }

    private async Task SweepLoggedAsync()
    {
        try
        {
            await SweepAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // The store closed under a last tick at shutdown: the next start sweeps again.
        }
        catch (Exception ex) when (ex is LiteDB.LiteException or IOException || SpaceRefusal.Is(ex))
        {
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "{Count} exceptions passed their SLA and were escalated")]
    private static partial void LogEscalated(ILogger logger, int count);

    [LoggerMessage(EventId = 71, Level = LogLevel.Error, Message = "Exception sweep failed; the next tick tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
