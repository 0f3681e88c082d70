using CloudBridge.Uplink;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

/// <summary>
/// Polls the uplink's status and records <c>bridge.unreachable</c> when central has been unreachable too
/// long or an event has waited too long for its ack, and <c>bridge.recovered</c> once both are fine again.
/// Whether it is raised is read from the store at start, so a restart neither repeats nor forgets it.
/// </summary>
public sealed partial class BridgeWatcher(
    Func<BridgeStatus> status, DurableStore store, FloorJournal journal, TimeProvider time, IOptions<ExceptionOptions> options, ILogger<BridgeWatcher> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly BridgeWatchOptions _options = options.Value.Bridge;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset? _disconnectedSince;
    private bool _raised;

    /// <summary>The check started last (completed when idle): tests await it after advancing the clock.</summary>
    public Task LastCheck { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var key = $"{ExceptionTypes.BridgeUnreachable}|{BridgeEvents.Central}";
        _raised = store.Read(db => ExceptionBook.Cases(db).Exists(c => c.OpenKey == key));
        _timer = time.CreateTimer(_ => StartCheck(), null, _options.PollInterval, _options.PollInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync();
        }
    }

    /// <summary>Reads the status once and records a change of state; returns the reason it is down, or null.</summary>
    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var problem = Problem(status(), now);
        if ((problem is not null) != _raised)
        {
            var type = problem is null ? BridgeEvents.Recovered : BridgeEvents.Unreachable;
            var detail = problem ?? "connected, and every event acknowledged in time";
            await store.WriteAsync(db =>
            {
                new FloorCollections(db, journal).Record(problem is null
                    ? new BridgeRecovered { At = now.UtcDateTime, DeviceId = BridgeEvents.Central }
                    : new BridgeUnreachable { At = now.UtcDateTime, DeviceId = BridgeEvents.Central, Reason = problem });
                return 0;
            }, ct);
            _raised = problem is not null;
            LogChanged(logger, type, detail);
        }

        return problem;
    }

    private string? Problem(BridgeStatus bridge, DateTimeOffset now)
    {
        _disconnectedSince = bridge.Connected ? null : _disconnectedSince ?? now;
        if (_disconnectedSince is { } since && now - since >= _options.UnreachableAfter)
        {
            return $"central unreachable since {since:O}: {bridge.LastError ?? "not connected"}";
        }

        var oldest = bridge.Lanes.Where(l => l.OldestUnackedAge is not null).MaxBy(l => l.OldestUnackedAge);
        return oldest?.OldestUnackedAge is { } age && age > _options.MaxUnackedAge
            ? $"oldest unacknowledged {oldest.Lane} event is {age.TotalSeconds:0} s old (limit {_options.MaxUnackedAge.TotalSeconds:0} s)"
            : null;
    }

    private void StartCheck()
    {
        lock (_gate)
        {
            if (LastCheck.IsCompleted)
            {
                LastCheck = CheckLoggedAsync();
            }
        }
    }

    private async Task CheckLoggedAsync()
    {
        try
        {
            await CheckAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the next start reads the raised state from the store.
        }
        catch (Exception ex) when (ex is LiteDB.LiteException or IOException or InvalidOperationException || SpaceRefusal.Is(ex))
        {
            LogCheckFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 72, Level = LogLevel.Warning, Message = "Bridge watch: {Type}: {Detail}")]
    private static partial void LogChanged(ILogger logger, string type, string detail);

    [LoggerMessage(EventId = 73, Level = LogLevel.Error, Message = "Bridge watch check failed; the next poll tries again")]
    private static partial void LogCheckFailed(ILogger logger, Exception ex);
}
