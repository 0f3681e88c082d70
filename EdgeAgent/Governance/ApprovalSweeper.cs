using EdgeAgent.Storage;
using Microsoft.Extensions.Logging;

namespace EdgeAgent.Governance;

/// <summary>
/// Times out approvals nobody decided: one <see cref="TimeProvider"/> timer armed for the earliest pending
/// deadline. It reads that deadline from the store at start, so approvals queued before a restart still
/// time out; the gate re-arms it when it queues an earlier one.
/// </summary>
public sealed partial class ApprovalSweeper(DurableStore store, ApprovalDesk desk, TimeProvider time, ILogger<ApprovalSweeper> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryWhenNoSpace = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private DateTime? _armedFor;
    private Task _sweep = Task.CompletedTask;
    private bool _stopped;

    /// <summary>The sweep in progress or the last one; tests await it after advancing a fake clock.</summary>
    public Task CurrentSweep
    {
        get
        {
            lock (_lock)
            {
                return _sweep;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _timer = time.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        // Overdue approvals from before a restart time out now; the rest when they fall due. Start waits for
        // this first sweep, so the timer is armed for the earliest pending deadline once the agent is up.
        Sweep();
        await CurrentSweep.WaitAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task last;
        lock (_lock)
        {
            _stopped = true;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            last = _sweep;
        }

        await last.WaitAsync(cancellationToken);
    }

    /// <summary>Makes sure the timer fires no later than <paramref name="deadline"/>.</summary>
    public void Schedule(DateTime deadline)
    {
        lock (_lock)
        {
            if (_timer is null || _stopped || (_armedFor is { } armed && armed <= deadline))
            {
                return;
            }

            _armedFor = deadline;
            var due = deadline - time.GetUtcNow().UtcDateTime;
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
            _timer?.Dispose();
        }
    }

    private void Sweep()
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _armedFor = null;
            // Sweeps run one after another: a timer firing during a sweep queues behind it.
            _sweep = _sweep.ContinueWith(_ => SweepAsync(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task SweepAsync()
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var timedOut = await store.WriteAsync(db => desk.TimeOutDue(db, now));
            if (timedOut > 0)
            {
                Log.TimedOut(logger, timedOut);
            }

            if (store.Read(db => new GovernanceCollections(db).NextDeadline()) is { } next)
            {
                Schedule(next);
            }
        }
        catch (Exception ex) when (SpaceRefusal.Is(ex))
        {
            // No room for the time-outs' records (outbox quota or data disk): nothing was applied; try again shortly
            // rather than wait for a deadline that has already passed.
            Log.SweepFailed(logger, ex);
            Schedule(time.GetUtcNow().UtcDateTime + RetryWhenNoSpace);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or LiteDB.LiteException or InvalidOperationException)
        {
            // The store is closing or a record failed: pending approvals stay pending and the next start sweeps them.
            Log.SweepFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Count} approval(s) timed out and took their default")]
        public static partial void TimedOut(ILogger logger, int count);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Approval time-out sweep failed; pending approvals stay pending until the next sweep")]
        public static partial void SweepFailed(ILogger logger, Exception error);
    }
}
