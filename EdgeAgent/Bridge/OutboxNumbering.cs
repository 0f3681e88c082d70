using CloudBridge.Outbox;
using EdgeAgent.Storage;

namespace EdgeAgent.Bridge;

/// <summary>
/// Keeps the outbox from handing out a sequence number twice across a store recovery. Every write transaction's
/// highest number per lane is recorded with the store's acknowledgement marks (device <see cref="Device"/>, the lane
/// as lane), outside the database file; when a damaged store is recovered, the marks it lost say how far each lane had
/// numbered, and before anything runs the lane continues above that. Without it, a recovered outbox numbered new events
/// with sequences central already held under the lost ones, central took them for resends, and they were lost
/// silently (issue #12's chaos run with a store cut: 11 ERP answers, and the audit records after them).
/// </summary>
/// <remarks>
/// The record outside the file is fsynced at most once a second, so after a power cut that also damaged the store it
/// may lag what was sent by up to that second; a SIGKILL or a store file cut while the disk stays up loses none of it.
/// </remarks>
internal sealed partial class OutboxNumbering(DurableStore store, Outbox outbox, ILogger<OutboxNumbering> logger) : IHostedLifecycleService
{
    /// <summary>The device name of the outbox's marks in the acknowledgement record and in a recovery's findings.</summary>
    public const string Device = "outbox";

    /// <summary>Registers the outbox's numbers as marks of every write transaction.</summary>
    public static void Record(DurableStore store, Outbox outbox) =>
        store.OnCommittingMarks(() =>
        {
            var numbered = outbox.NumberedInTransaction;
            return numbered.Count == 0 ? [] : numbered.Select(n => new AckMark(Device, n.Key, n.Value)).ToList();
        });

    /// <summary>Before any hosted service starts (and so before anything appends or sends): continue past what the recovery lost.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (store.Recovery is not { } recovery)
        {
            return;
        }

        var lost = recovery.Lost
            .Where(l => l.Device == Device && outbox.Lanes.Any(lane => lane.Name == l.Lane))
            .ToList();
        if (lost.Count == 0)
        {
            return;
        }

        var skipped = await store.WriteAsync(
            db => lost.Select(l => (l.Lane, Range: outbox.ContinueAfter(db, l.Lane, l.Acknowledged))).ToList(),
            cancellationToken);
        foreach (var (lane, range) in skipped)
        {
            if (range is { } r)
            {
                LogSkipped(logger, lane, r.From, r.Through, recovery.KeptIn);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Store recovery lost outbox lane {Lane}'s events {From}-{Through}, numbered (and perhaps sent) before the damage; the lane continues above {Through} and central is told the gap is intended. The damaged files are kept in {KeptIn}")]
    private static partial void LogSkipped(ILogger logger, string lane, long from, long through, string keptIn);
}
