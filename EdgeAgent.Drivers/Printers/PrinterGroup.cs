using EdgeAgent.Drivers.Logging;
using Microsoft.Extensions.Logging;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// Interchangeable ZPL printers with a job queue each. A worker per printer polls <c>~HS</c> and
/// writes jobs; when a printer faults, its queued and interrupted jobs move to a healthy printer of
/// the group (or wait, parked, for one to recover). Every fault, recovery and job outcome is passed
/// to the host's callback as a <see cref="PrinterEvent"/>.
/// </summary>
public sealed partial class PrinterGroup : IAsyncDisposable
{
    private readonly PrinterGroupOptions _options;
    private readonly Func<PrinterEvent, CancellationToken, ValueTask> _onEvent;
    private readonly ILogger<PrinterGroup> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly LogRateLimiter _logLimiter;
    private readonly List<PrinterSlot> _slots;
    private readonly LinkedList<QueuedJob> _parked = new();
    private readonly HashSet<string> _activeIds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly long[] _linkErrors = new long[Enum.GetValues<PrinterLinkError>().Length];
    private readonly long[] _badReplies = new long[Enum.GetValues<HostStatusError>().Length];
    private Task[] _workers = [];
    private readonly PrinterMqttSession? _mqtt;
    private ITimer? _expiryTimer;
    private bool _stopped;
    private long _submitted;
    private long _printed;
    private long _failed;
    private long _rerouted;
    private long _statusPolls;
    private long _callbackFailures;

    /// <summary>A group over links it opens itself (see <see cref="PrinterLinks.Open"/>).</summary>
    public PrinterGroup(
        PrinterGroupOptions options,
        Func<PrinterEvent, CancellationToken, ValueTask> onEvent,
        ILogger<PrinterGroup> logger,
        TimeProvider timeProvider)
        : this(options, PrinterLinks.Open(options, logger, timeProvider), onEvent, logger, timeProvider)
    {
    }

    /// <summary>A group over the links its composer opened; the group owns them from now on.</summary>
    public PrinterGroup(
        PrinterGroupOptions options,
        PrinterLinks links,
        Func<PrinterEvent, CancellationToken, ValueTask> onEvent,
        ILogger<PrinterGroup> logger,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(onEvent);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.Printers.Count == 0 || options.Printers.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() != options.Printers.Count)
        {
            throw new ArgumentException("A printer group needs at least one printer and unique printer ids.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.JobTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));

        _options = options;
        _onEvent = onEvent;
        _logger = logger;
        _timeProvider = timeProvider;
        _logLimiter = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        _mqtt = links.Mqtt;
        _slots = [.. options.Printers.Select(p => new PrinterSlot(p, links.ByPrinter.TryGetValue(p.Id, out var link)
            ? link
            : throw new ArgumentException($"No link was opened for printer {p.Id}.", nameof(links))))];
    }

    public string Name => _options.Name;

    /// <summary>
    /// Every printer's worker is waiting for its next poll with no job woken it: nothing is in flight to a printer.
    /// A caller stepping a fake clock (the shift scenario) waits for this before it moves the clock again, so a
    /// status query is never timed out by a clock that jumped while the printer was answering.
    /// </summary>
    public bool Quiet => _workers.Length > 0 && _slots.TrueForAll(s => Volatile.Read(ref s.Waiting) == 1 && !s.Wake.Reader.TryPeek(out _));

    public IReadOnlyList<PrinterState> Printers
    {
        get
        {
            lock (_gate)
            {
                return [.. _slots.Select(s => s.Snapshot())];
            }
        }
    }

    public PrinterGroupCounters Counters => new(
        Interlocked.Read(ref _submitted),
        Interlocked.Read(ref _printed),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _rerouted),
        Interlocked.Read(ref _statusPolls),
        Enum.GetValues<PrinterLinkError>().ToDictionary(e => e, e => Interlocked.Read(ref _linkErrors[(int)e])),
        Enum.GetValues<HostStatusError>().ToDictionary(e => e, e => Interlocked.Read(ref _badReplies[(int)e])),
        Interlocked.Read(ref _callbackFailures),
        _mqtt?.UnsolicitedReplies ?? 0);

    /// <summary>Starts one worker per printer.</summary>
    public void Start()
    {
        if (_workers.Length > 0)
        {
            throw new InvalidOperationException("The printer group is already started.");
        }

        _mqtt?.Start();
        _workers = [.. _slots.Select(s => Task.Run(() => RunPrinterAsync(s, _stopping.Token)))];

        // Expiry runs on its own timer, not in the workers, so parked jobs time out even while every printer is stuck in a connect.
        _expiryTimer = _timeProvider.CreateTimer(_ => _ = ExpireAsync(), null, _options.PollInterval, _options.PollInterval);
    }

    /// <summary>Queues a job on <paramref name="preferredPrinterId"/> if it is healthy, else on the least busy healthy printer.</summary>
    public SubmitResult Submit(PrintJob job, string? preferredPrinterId = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        PrinterSlot? target;
        lock (_gate)
        {
            if (_stopped)
            {
                return SubmitResult.Stopped;
            }

            if (!_activeIds.Add(job.Id))
            {
                return SubmitResult.DuplicateId;
            }

            var deadline = _timeProvider.GetTimestamp() + (long)((job.Timeout ?? _options.JobTimeout).TotalSeconds * _timeProvider.TimestampFrequency);
            var queued = new QueuedJob(job, deadline);
            var preferred = _slots.Find(s => string.Equals(s.Id, preferredPrinterId, StringComparison.Ordinal));
            target = preferred is { Accepts: true } ? preferred : PickTarget(exclude: null);
            if (target is null)
            {
                _parked.AddLast(queued);
            }
            else
            {
                target.Queue.AddLast(queued);
            }
        }

        Interlocked.Increment(ref _submitted);
        if (target is null)
        {
            return SubmitResult.Parked;
        }

        target.Rouse();
        return SubmitResult.Queued;
    }

    /// <summary>
    /// Moves the jobs queued on <paramref name="fromPrinterId"/> to the least busy healthy printers (or parks them),
    /// as a fault does with <see cref="PrinterGroupOptions.RerouteOnFault"/>; returns how many moved (0 when the
    /// printer is healthy again or unknown). Each move is published as a <see cref="JobRerouted"/>.
    /// </summary>
    public async Task<int> RerouteAsync(string fromPrinterId, CancellationToken cancellationToken = default)
    {
        var events = new List<PrinterEvent>();
        lock (_gate)
        {
            if (_stopped || _slots.Find(s => string.Equals(s.Id, fromPrinterId, StringComparison.Ordinal)) is not { Healthy: false } slot)
            {
                return 0;
            }

            MoveQueue(slot, slot.Faults, events);
        }

        await PublishAsync(events, cancellationToken);
        return events.Count;
    }

    /// <summary>Stops the workers; jobs still queued fail with <see cref="JobFailureReason.GroupStopped"/>.</summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        await _stopping.CancelAsync();
        if (_expiryTimer is not null)
        {
            await _expiryTimer.DisposeAsync();
        }

        await Task.WhenAll(_workers);
        var events = new List<PrinterEvent>();
        lock (_gate)
        {
            foreach (var slot in _slots)
            {
                ConfirmWritten(slot, confirmed: false, events);
                if (slot.InFlight is { } interrupted)
                {
                    // Stopped mid-write: the closing ^XZ may not have gone out, so it is reported failed, not printed.
                    Fail(interrupted, slot.Id, JobFailureReason.GroupStopped, "group stopped while writing it", events);
                    slot.InFlight = null;
                }

                DrainAsFailed(slot.Queue, slot.Id, events);
            }

            DrainAsFailed(_parked, string.Empty, events);
        }

        await PublishAsync(events, CancellationToken.None);
        foreach (var slot in _slots)
        {
            slot.Connection.Close();
        }

        if (_mqtt is not null)
        {
            await _mqtt.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private void DrainAsFailed(LinkedList<QueuedJob> queue, string printerId, List<PrinterEvent> events)
    {
        foreach (var job in queue)
        {
            Fail(job, printerId, JobFailureReason.GroupStopped, "group stopped", events);
        }

        queue.Clear();
    }

    private async Task PublishAsync(List<PrinterEvent> events, CancellationToken cancellationToken)
    {
        foreach (var printerEvent in events)
        {
            try
            {
                await _onEvent(printerEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The host's mapping failing must not stop the printers; it is counted and logged once per kind a minute.
                Interlocked.Increment(ref _callbackFailures);
                if (_logLimiter.ShouldLog("callback:" + printerEvent.GetType().Name, out var suppressed))
                {
                    LogCallbackFailed(ex, printerEvent.GetType().Name, printerEvent.PrinterId, suppressed);
                }
            }
        }
    }

    private async Task ExpireAsync()
    {
        var events = new List<PrinterEvent>();
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            ExpireJobs(events);
        }

        try
        {
            await PublishAsync(events, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the callback was cancelled mid-publish, the group is going away.
        }
    }

    private DateTimeOffset Now => _timeProvider.GetUtcNow();
}
