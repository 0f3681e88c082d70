using CloudBridge.Contract.V1;
using CloudBridge.Outbox;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace CloudBridge.Uplink;

/// <summary>
/// Streams the outbox to central in order per lane, keeps a window of batches in flight, marks what central
/// acknowledged (purging it when idle), and after any reconnect resumes from the first unacknowledged sequence of each lane.
/// </summary>
public sealed partial class UplinkSender : BackgroundService
{
    private readonly IReadOnlyList<Contract.V1.Uplink.UplinkClient> _clients;
    private readonly IOutboxStore _store;
    private readonly Outbox.Outbox _outbox;
    private readonly UplinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UplinkSender> _logger;
    private readonly ResiliencePipeline _reconnect;
    private readonly ResiliencePipeline _connect;
    private readonly UplinkCounters _counters;

    private int _current;

    public UplinkSender(Contract.V1.Uplink.UplinkClient client, IOutboxStore store, Outbox.Outbox outbox, UplinkOptions options, TimeProvider time, ILogger<UplinkSender> logger)
        : this([client ?? throw new ArgumentNullException(nameof(client))], store, outbox, options, time, logger)
    {
    }

    /// <summary>One client per ingress address (<see cref="UplinkOptions.AllAddresses"/>): a stream that cannot be opened moves to the next.</summary>
    public UplinkSender(IReadOnlyList<Contract.V1.Uplink.UplinkClient> clients, IOutboxStore store, Outbox.Outbox outbox, UplinkOptions options, TimeProvider time, ILogger<UplinkSender> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentOutOfRangeException.ThrowIfZero(clients.Count);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _clients = clients;
        _store = store;
        _outbox = outbox;
        _options = options;
        _time = time;
        _logger = logger;
        _counters = new UplinkCounters(time);
        _reconnect = BridgeResilience.Reconnect(options, time, OnCircuit, OnRetry);
        _connect = BridgeResilience.Connect(options, time);
    }

    /// <summary>Connection, backlog per lane, oldest unacknowledged age and throughput.</summary>
    public BridgeStatus GetStatus()
    {
        var now = _time.GetUtcNow();
        var lanes = _store.Read(db => _outbox.Backlog(db));
        return _counters.Snapshot(lanes.Select(l => new LaneStatus
        {
            Lane = l.Lane,
            Backlog = l.Events,
            BacklogBytes = l.Bytes,
            AckedThrough = l.AckedThrough,
            LastSequence = l.LastSequence,
            Shed = l.Shed,
            OldestUnackedAge = l.OldestOccurredAtUtc is { } t ? now.UtcDateTime - t : null,
        }).ToList(), _outbox.QuotaAlarm);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await BridgeResilience.RunUntilStoppedAsync(_reconnect, RunSessionAsync, _options, _time, ex => LogEscaped(_logger, ex), stoppingToken);
    }

    /// <summary>
    /// One stream. Returns normally when it failed after making progress (the next attempt starts at once with a
    /// fresh backoff); throws when it made none, so the retry backs off.
    /// </summary>
    private async ValueTask RunSessionAsync(CancellationToken ct)
    {
        using var session = new UplinkSession(this, _counters.SessionStarted());
        try
        {
            await session.RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _counters.Disconnected(ex.Message);
            if (!session.MadeProgress)
            {
                FailOver(ex);
                throw;
            }

            LogSessionEnded(_logger, ex.GetType().Name, ex.Message);
        }
    }

    private Contract.V1.Uplink.UplinkClient CurrentClient => _clients[Volatile.Read(ref _current)];

    /// <summary>A stream that could not be opened or made no progress: the next attempt goes to the next address.</summary>
    private void FailOver(Exception ex)
    {
        if (_clients.Count > 1)
        {
            int next = (_current + 1) % _clients.Count;
            Volatile.Write(ref _current, next);
            LogFailover(_logger, next < _options.AllAddresses.Count ? _options.AllAddresses[next] : $"client {next}", ex.Message);
        }
    }

    private void OnCircuit(string state, bool open)
    {
        _counters.CircuitOpen = open;
        LogCircuit(_logger, state);
    }

    private void OnRetry(Exception? ex, TimeSpan delay) => LogRetry(_logger, delay.TotalMilliseconds, ex?.Message ?? "");
}
