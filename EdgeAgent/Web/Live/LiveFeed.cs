using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using EdgeAgent.Bridge;
using EdgeAgent.Configuration;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Web.Live;

/// <summary>
/// Pushes the floor to the supervisor consoles. The journal's observer only pokes it; it then reads what the
/// store has committed since its last look (events after the last id, tasks after the last revision, the
/// pickers) and sends each console one <see cref="LiveBatch"/>, so a console never sees a change that was
/// rolled back. Devices, the line and the bridge are looked at once a second and sent when they changed.
/// The last <see cref="RecentBatches"/> batches are kept for a console that reconnects with <c>Last-Event-ID</c>;
/// one that was away longer starts again from a snapshot.
/// While no console is connected the feed reads nothing: a poke only marks it behind, and the next console to
/// connect first has the feed catch up (the same batches, read then, in as few reads as the batch limits allow),
/// so a console that reconnects still gets every change after its last id, and a first one its snapshot.
/// </summary>
public sealed partial class LiveFeed(
    LiveFeedSignal signal,
    DurableStore store,
    PresenceTracker presence,
    IConveyorStatus conveyor,
    IBridgeStatus bridge,
    IOptions<AgentOptions> agent,
    TimeProvider time,
    ILogger<LiveFeed> logger) : BackgroundService
{
    public const int RecentBatches = 512;
    public const int MaxEventsPerBatch = 500;
    public const int MaxTasksPerBatch = 5000;
    public const int MaxSnapshotTasks = 20000;
    private const int SubscriberQueue = 256;
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(1);

    /// <summary>A catch-up longer than this many reads is not replayed: the kept batches restart and a console gets a snapshot.</summary>
    private const int MaxCatchUpReads = RecentBatches / 2;

    private readonly Lock _gate = new();

    // One reader of the store's changes at a time: the feed's loop, or a console catching the feed up as it connects.
    // Taken before _gate, never inside it.
    private readonly Lock _readGate = new();
    private readonly Queue<LiveBatch> _recent = new();
    private readonly List<Channel<LiveBatch>> _subscribers = [];
    private readonly Dictionary<string, LivePicker> _pickers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LiveDevice> _devices = new(StringComparer.Ordinal);
    private string _conveyorJson = "";
    private string _bridgeJson = "";
    private long _seq;
    private long _lastEventId;
    private long _lastRevision;
    private bool _started;
    private bool _behind; // floor changes recorded while nobody watched, not read yet

    /// <summary>Differs on every start, so an event id from before a restart is never mistaken for one of this run.</summary>
    public string Boot { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Consoles connected now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Something was recorded: look at the store soon. Never blocks (the journal calls it inside a write).</summary>
    public void Poke() => signal.Poke();

    /// <summary>
    /// The stream one console reads: the batches after <paramref name="lastEventId"/> when they are still kept,
    /// otherwise a snapshot first; then every batch as it comes.
    /// </summary>
    public async IAsyncEnumerable<SseItem<object>> StreamAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken ct)
    {
        var (channel, replay, snapshot) = Subscribe(lastEventId);
        try
        {
            if (snapshot is not null)
            {
                yield return Item("snapshot", snapshot, snapshot.Seq);
            }

            foreach (var batch in replay)
            {
                yield return Item("batch", batch, batch.Seq);
            }

            while (true)
            {
                LiveBatch? next;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    idle.CancelAfter(TimeSpan.FromSeconds(15));
                    try
                    {
                        next = await channel.Reader.WaitToReadAsync(idle.Token) && channel.Reader.TryRead(out var b) ? b : null;
                        if (next is null && channel.Reader.Completion.IsCompleted)
                        {
                            // Dropped for falling behind: the browser reconnects with its last id and catches up.
                            yield break;
                        }
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        next = null;
                    }
                }

                yield return next is null ? new SseItem<object>(new { }, "ping") : Item("batch", next, next.Seq);
            }
        }
        finally
        {
            Unsubscribe(channel);
        }
    }

    /// <summary>The whole live floor now (also what <c>GET /api/live/snapshot</c> answers).</summary>
    public LiveSnapshot ReadSnapshot()
    {
        lock (_gate)
        {
            return ReadSnapshotLocked();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host's start does not wait for the first read
        lock (_readGate)
        {
            store.Read(db =>
            {
                var floor = new FloorCollections(db);
                _lastEventId = floor.Events.LastId();
                _lastRevision = LastRevision(floor);
                foreach (var p in floor.Pickers.FindAll())
                {
                    _pickers[p.Id] = LivePicker.Of(p);
                }

                return 0;
            });
            _started = true;
        }

        var nextHealth = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var poked = await WaitAsync(nextHealth - time.GetUtcNow(), stoppingToken);
            var healthDue = time.GetUtcNow() >= nextHealth;
            if (healthDue)
            {
                nextHealth = time.GetUtcNow() + HealthInterval;
            }

            try
            {
                lock (_readGate)
                {
                    if (Subscribers == 0)
                    {
                        // Nobody watches: the changes are read when a console connects (CatchUpLocked), not now.
                        _behind |= poked;
                        continue;
                    }

                    var more = false;
                    var floor = poked || _behind ? ReadFloorChanges(out more) : null;
                    if (more)
                    {
                        Poke(); // more to read: the next turn takes the rest
                    }

                    Publish(floor, healthDue ? HealthChanges() : null);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may be faulted or stuck; the console shows the agent's readiness, the feed tries again.
                LogReadFailed(logger, ex);
            }
        }
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        if (delay > TimeSpan.Zero)
        {
            using var timeout = new CancellationTokenSource(delay, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                await signal.Reader.WaitToReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }

        return signal.Reader.TryRead(out _);
    }

    /// <summary>
    /// A console is connecting: publish what was recorded while nobody watched, and the health as it is now, so
    /// that its replay or snapshot is followed only by newer batches. A gap longer than the kept batches could
    /// replay restarts them instead (every earlier id then gets a snapshot), without reading the gap.
    /// </summary>
    private void CatchUpLocked()
    {
        if (!_started)
        {
            return; // the loop's first read sets where the feed starts; a console meanwhile gets a snapshot
        }

        try
        {
            if (_behind && !TryRestartIfFarBehind())
            {
                for (var reads = 0; reads < MaxCatchUpReads; reads++)
                {
                    var floor = ReadFloorChanges(out var more);
                    Publish(floor, null);
                    if (!more)
                    {
                        break;
                    }
                }

                if (_behind)
                {
                    Poke(); // longer than the reads allowed here (tasks beyond the bound): the loop takes the rest
                }
            }

            Publish(null, HealthChanges());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As in the loop: the console gets its snapshot or replay now and the loop reads again later.
            LogReadFailed(logger, ex);
        }
    }

    /// <summary>Nobody watched for longer than a catch-up may read: start again from now, with no batch kept.</summary>
    private bool TryRestartIfFarBehind()
    {
        var (lastEventId, lastRevision) = store.Read(db =>
        {
            var floor = new FloorCollections(db);
            return (floor.Events.LastId(), LastRevision(floor));
        });
        if (lastEventId - _lastEventId <= (long)MaxEventsPerBatch * MaxCatchUpReads
            && lastRevision - _lastRevision <= (long)MaxTasksPerBatch * MaxCatchUpReads)
        {
            return false;
        }

        var pickers = store.Read(db => new FloorCollections(db).Pickers.FindAll().Select(LivePicker.Of).ToList());
        _lastEventId = lastEventId;
        _lastRevision = lastRevision;
        _pickers.Clear();
        foreach (var p in pickers)
        {
            _pickers[p.Id] = p;
        }

        lock (_gate)
        {
            // No kept batch covers the gap: a console resuming from before it must start from a snapshot.
            _recent.Clear();
            _seq++;
        }

        _behind = false;
        return true;
    }

    private static long LastRevision(FloorCollections floor) =>
        floor.Tasks.Find(LiteDB.Query.All(nameof(PickTask.Revision), LiteDB.Query.Descending), limit: 1).FirstOrDefault()?.Revision ?? 0;

    private (IReadOnlyList<LiveEvent> Events, IReadOnlyList<LiveTask> Tasks, IReadOnlyList<LivePicker> Pickers, IReadOnlyList<string> Removed, LiveCounts? Counts, IReadOnlyList<string> Topics)? ReadFloorChanges(out bool more)
    {
        var (events, tasks, pickers, counts) = store.Read(db =>
        {
            var floor = new FloorCollections(db);
            var events = floor.Events.After(_lastEventId, MaxEventsPerBatch);
            var tasks = floor.Tasks.Find(StoreQuery.GT(nameof(PickTask.Revision), _lastRevision), limit: MaxTasksPerBatch).ToList();
            var pickers = events.Count > 0 ? floor.Pickers.FindAll().Select(LivePicker.Of).ToList() : null;
            var counts = tasks.Count > 0 ? Counts(floor) : null;
            return (events, tasks, pickers, counts);
        });
        more = events.Count == MaxEventsPerBatch || tasks.Count == MaxTasksPerBatch;
        _behind = more;

        if (events.Count > 0)
        {
            _lastEventId = events[^1].Id;
        }

        if (tasks.Count > 0)
        {
            _lastRevision = tasks.Max(t => t.Revision);
        }

        var changed = new List<LivePicker>();
        var removed = new List<string>();
        if (pickers is not null)
        {
            foreach (var p in pickers)
            {
                if (!_pickers.TryGetValue(p.Id, out var before) || before != p)
                {
                    _pickers[p.Id] = p;
                    changed.Add(p);
                }
            }

            var present = pickers.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            removed.AddRange(_pickers.Keys.Where(id => !present.Contains(id)));
            removed.ForEach(id => _pickers.Remove(id));
        }

        if (events.Count == 0 && tasks.Count == 0 && changed.Count == 0 && removed.Count == 0)
        {
            return null;
        }

        var topics = events.SelectMany(LiveTopics.Of).Distinct(StringComparer.Ordinal).ToList();
        return ([.. events.Select(LiveEvent.Of)], [.. tasks.Select(LiveTask.Of)], changed, removed, counts, topics);
    }

    private void Publish(
        (IReadOnlyList<LiveEvent> Events, IReadOnlyList<LiveTask> Tasks, IReadOnlyList<LivePicker> Pickers, IReadOnlyList<string> Removed, LiveCounts? Counts, IReadOnlyList<string> Topics)? floor,
        LiveHealth? health)
    {
        if (floor is null && health is null)
        {
            return;
        }

        lock (_gate)
        {
            var batch = new LiveBatch(
                ++_seq,
                time.GetUtcNow().UtcDateTime,
                floor?.Events ?? [],
                floor?.Tasks ?? [],
                floor?.Pickers ?? [],
                floor?.Removed ?? [],
                floor?.Counts,
                floor?.Topics ?? [],
                health);
            _recent.Enqueue(batch);
            while (_recent.Count > RecentBatches)
            {
                _recent.Dequeue();
            }

            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                if (!_subscribers[i].Writer.TryWrite(batch))
                {
                    _subscribers[i].Writer.TryComplete();
                    _subscribers.RemoveAt(i);
                    LogSubscriberDropped(logger, SubscriberQueue);
                }
            }
        }
    }

    private LiveHealth? HealthChanges()
    {
        var changed = new List<LiveDevice>();
        foreach (var d in presence.Snapshot())
        {
            var device = new LiveDevice(d.DeviceId, d.Kind, d.Online, d.Stale, d.Battery, d.AppVersion, d.LastSeen);
            // Last seen moves with every message: sent when it moved by 5 s or more, the page ages it itself.
            if (!_devices.TryGetValue(d.DeviceId, out var before)
                || before with { LastSeen = device.LastSeen } != device
                || (device.LastSeen - before.LastSeen).Duration() >= TimeSpan.FromSeconds(5))
            {
                _devices[d.DeviceId] = device;
                changed.Add(device);
            }
        }

        var line = conveyor.Snapshot();
        var link = bridge.Configured ? bridge.Snapshot() : null;
        var lineJson = JsonSerializer.Serialize(line);
        var linkJson = JsonSerializer.Serialize(link?.WithoutTrafficFigures());
        var lineChanged = lineJson != _conveyorJson;
        var linkChanged = linkJson != _bridgeJson;
        _conveyorJson = lineJson;
        _bridgeJson = linkJson;
        return changed.Count == 0 && !lineChanged && !linkChanged ? null : new LiveHealth(changed, line, link);
    }

    private (Channel<LiveBatch> Channel, IReadOnlyList<LiveBatch> Replay, LiveSnapshot? Snapshot) Subscribe(string? lastEventId)
    {
        var channel = Channel.CreateBounded<LiveBatch>(new BoundedChannelOptions(SubscriberQueue) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var reading = _readGate.EnterScope();
        if (Subscribers == 0)
        {
            CatchUpLocked(); // before this console is added: what it missed is in the kept batches or its snapshot
        }

        lock (_gate)
        {
            _subscribers.Add(channel);
            if (TryParse(lastEventId) is { } seen && _recent.Count > 0 && seen >= _recent.Peek().Seq - 1 && seen <= _seq)
            {
                return (channel, [.. _recent.Where(b => b.Seq > seen)], null);
            }

            if (TryParse(lastEventId) is { } same && same == _seq)
            {
                return (channel, [], null);
            }

            // Read under the gate: every batch after it is read after it, so no row goes back in time.
            return (channel, [], ReadSnapshotLocked());
        }
    }

    private void Unsubscribe(Channel<LiveBatch> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }
    }

    private long? TryParse(string? lastEventId)
    {
        if (!_started || lastEventId is null || lastEventId.Split(':') is not [var boot, var seq] || boot != Boot)
        {
            return null;
        }

        return long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private LiveSnapshot ReadSnapshotLocked()
    {
        var (pickers, tasks, counts, recent) = store.Read(db =>
        {
            var floor = new FloorCollections(db);
            var assigned = floor.Tasks.Find(t => t.Status == PickTaskStatus.Assigned, limit: MaxSnapshotTasks).ToList();
            var open = floor.Tasks.Find(t => t.Status == PickTaskStatus.Open, limit: MaxSnapshotTasks - assigned.Count);
            return (
                floor.Pickers.FindAll().Select(LivePicker.Of).ToList(),
                assigned.Concat(open).Select(LiveTask.Of).ToList(),
                Counts(floor),
                floor.Events.Recent(50).Select(LiveEvent.Of).ToList());
        });
        var devices = presence.Snapshot().Select(d => new LiveDevice(d.DeviceId, d.Kind, d.Online, d.Stale, d.Battery, d.AppVersion, d.LastSeen)).ToList();
        return new LiveSnapshot(
            _seq,
            time.GetUtcNow().UtcDateTime,
            agent.Value.Site,
            agent.Value.GatewayId,
            pickers,
            tasks,
            counts,
            recent,
            new LiveHealth(devices, conveyor.Snapshot(), bridge.Configured ? bridge.Snapshot() : null));
    }

    private static LiveCounts Counts(FloorCollections floor) => new(
        floor.Tasks.Count(t => t.Status == PickTaskStatus.Open),
        floor.Tasks.Count(t => t.Status == PickTaskStatus.Assigned),
        floor.Tasks.Count(t => t.Status == PickTaskStatus.Picked),
        floor.Tasks.Count(t => t.Status == PickTaskStatus.ShortPicked));

    private SseItem<object> Item(string type, object data, long seq) =>
        new(data, type) { EventId = $"{Boot}:{seq.ToString(CultureInfo.InvariantCulture)}", ReconnectionInterval = TimeSpan.FromSeconds(1) };

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Live feed: reading the store's changes failed; the consoles stay on their last view until the next look")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Live feed: a console fell {Queue} batches behind and was disconnected; it reconnects and catches up")]
    private static partial void LogSubscriberDropped(ILogger logger, int queue);
}
