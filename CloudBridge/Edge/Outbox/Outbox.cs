using LiteDB;
using Microsoft.Extensions.Logging;

namespace CloudBridge.Outbox;

/// <summary>
/// The transactional outbox: the host appends inside its own write transaction, so an event is stored
/// exactly when the state change that caused it is. Reads and deletes happen through <see cref="IOutboxStore"/>.
/// </summary>
/// <remarks>
/// Events are stored in pages (<see cref="OutboxPage"/>): the appends of one transaction share one document per
/// lane. Per-event documents written by agents before pages (store format 1) are read, acknowledged and purged in
/// place, so an upgraded gateway drains its old backlog without converting it at start.
/// </remarks>
public sealed partial class Outbox
{
    internal const string LaneCollection = "bridge_lane";
    private const int EnvelopeOverheadBytes = 64;

    private readonly OutboxOptions _options;
    private readonly Dictionary<string, LaneOptions> _lanes;
    private readonly TimeProvider _time;
    private readonly ILogger<Outbox> _logger;
    private readonly OpenPages _open = new();
    private readonly Dictionary<string, long> _numbered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _laneIndex;
    private readonly long[] _laneChanges;
    private long _ackChanges;
    private bool _ackedInTransaction;
    private volatile bool _reportsTransactionEnds;
    private volatile bool _quotaAlarm;

    public Outbox(OutboxOptions options, TimeProvider time, ILogger<Outbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _time = time;
        _logger = logger;
        Lanes = options.EffectiveLanes();
        _lanes = Lanes.ToDictionary(l => l.Name, StringComparer.Ordinal);
        _laneIndex = Lanes.Select((l, i) => (l.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _laneChanges = new long[Lanes.Count];
    }

    /// <summary>Lanes in priority order.</summary>
    public IReadOnlyList<LaneOptions> Lanes { get; }

    /// <summary>True while a non-sheddable event was refused for lack of quota and the outbox has not drained below 90 %.</summary>
    public bool QuotaAlarm => _quotaAlarm;

    /// <summary>Signalled after each append so the sender wakes without polling.</summary>
    internal AsyncSignal Appended { get; } = new();

    /// <summary>
    /// A number that moves whenever what a lane holds to send may have changed: at each append (inside the host's
    /// transaction) and again when that transaction ends (<see cref="SealPages"/>). Read together with a read of the
    /// lane, inside one <see cref="IOutboxStore.Read{T}"/>, it says whether a lane found empty can still be empty: while
    /// the number stands, no event was appended, and none was committed after the read. The second move is what makes
    /// that hold for a store whose reads do not wait for a write in progress; a store that never reports transaction
    /// ends (<see cref="ReportsTransactionEnds"/>) gets the sender's timed look at every lane instead.
    /// </summary>
    internal long LaneChanges(int lane) => Interlocked.Read(ref _laneChanges[lane]);

    /// <summary>As <see cref="LaneChanges"/>, for acknowledgements: what can be purged grows only when this moves.</summary>
    internal long AckChanges => Interlocked.Read(ref _ackChanges);

    /// <summary>Whether the host's store calls <see cref="SealPages"/> when a write transaction ends (seen at its first call).</summary>
    internal bool ReportsTransactionEnds => _reportsTransactionEnds;

    /// <summary>
    /// Stores one event inside the caller's transaction, assigning the lane's next sequence number.
    /// Over quota a sheddable lane's event is shed (counted), other lanes first evict sheddable events and,
    /// if that is not enough, throw <see cref="OutboxFullException"/> so the whole transaction rolls back.
    /// </summary>
    public AppendResult Append(LiteDatabase db, string lane, string type, ReadOnlySpan<byte> payload, DateTime? occurredAtUtc = null, string? traceId = null, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (!_lanes.TryGetValue(lane, out var laneOptions))
        {
            throw new ArgumentException($"Unknown outbox lane '{lane}'.", nameof(lane));
        }

        if (payload.Length > _options.MaxPayloadBytes)
        {
            throw new ArgumentException($"Payload of {payload.Length} bytes exceeds {_options.MaxPayloadBytes}.", nameof(payload));
        }

        var states = db.GetCollection(LaneCollection);
        var all = LaneState.LoadAll(states);
        var state = all.GetValueOrDefault(lane) ?? LaneState.Empty(lane);
        long size = payload.Length + type.Length + (traceId?.Length ?? 0) + (schema?.Length ?? 0) + EnvelopeOverheadBytes;
        if (all.Values.Sum(s => s.StoredBytes) + size > _options.QuotaBytes)
        {
            // Acknowledged events still on disk go first: dropping them loses nothing.
            PurgeAll(db, states);
            state = LaneState.Load(states, lane);
            long used = StoredBytes(states);
            if (used + size > _options.QuotaBytes && laneOptions.Sheddable)
            {
                state.Shed++;
                state.Save(states);
                return new AppendResult(false, 0, "");
            }

            if (used + size > _options.QuotaBytes)
            {
                used -= EvictSheddable(db, states, used + size - _options.QuotaBytes);
                if (used + size > _options.QuotaBytes)
                {
                    RaiseAlarm(lane, used);
                    throw new OutboxFullException($"Outbox over its quota of {_options.QuotaBytes} bytes; lane '{lane}' is never shed, try again later.")
                    {
                        Lane = lane,
                        QuotaBytes = _options.QuotaBytes,
                        UsedBytes = used,
                    };
                }
            }
        }

        long sequence = Math.Max(state.Last, state.Floor) + 1;
        var eventId = Guid.NewGuid();
        var occurred = (occurredAtUtc ?? _time.GetUtcNow().UtcDateTime).ToUniversalTime();
        _open.Append(db, PagesOf(db, lane), lane, sequence, state.Cumulative, size, eventId, type, occurred.Ticks, payload, traceId ?? "", schema ?? "");
        state.Cumulative += size;
        state.Last = sequence;
        state.Save(states);
        _numbered[lane] = sequence;
        Interlocked.Increment(ref _laneChanges[_laneIndex[lane]]);
        Appended.Set();
        return new AppendResult(true, sequence, eventId.ToString("N"));
    }

    /// <summary>
    /// Ends the pages the current write transaction was filling, so the next transaction starts its own instead of
    /// rewriting a committed one. The host's store calls it on its writer thread whenever a transaction ends
    /// (committed or rolled back); a store that never calls it stays correct and only writes more, and its sender
    /// looks at every lane on each idle poll. It also moves the change numbers the transaction touched (see
    /// <see cref="LaneChanges"/>), so the sender skips a lane it found empty until something is committed there.
    /// </summary>
    public void SealPages()
    {
        _reportsTransactionEnds = true;
        _open.Seal();
        foreach (var lane in _numbered.Keys)
        {
            Interlocked.Increment(ref _laneChanges[_laneIndex[lane]]);
        }

        _numbered.Clear();
        if (_ackedInTransaction)
        {
            _ackedInTransaction = false;
            Interlocked.Increment(ref _ackChanges);
        }
    }

    /// <summary>
    /// The highest sequence each lane handed out in the write transaction in progress (empty when it appended nothing).
    /// The host's store records them beside its acknowledgement marks, outside the database file, so that after a
    /// recovery that lost part of the file the outbox can continue past every number it may already have sent
    /// (<see cref="ContinueAfter"/>).
    /// </summary>
    public IReadOnlyCollection<KeyValuePair<string, long>> NumberedInTransaction =>
        _numbered.Count == 0 ? [] : [.. _numbered];

    /// <summary>
    /// After a store recovery lost events of <paramref name="lane"/> numbered through <paramref name="through"/>: the
    /// next event is numbered above it, so no sequence central may already hold under another event is handed out
    /// again, and the sender announces the gap (<c>skip_to</c>). Returns the sequences skipped, or null when the lane
    /// already numbers above <paramref name="through"/>.
    /// </summary>
    public (long From, long Through)? ContinueAfter(LiteDatabase db, string lane, long through)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!_lanes.ContainsKey(lane))
        {
            throw new ArgumentException($"Unknown outbox lane '{lane}'.", nameof(lane));
        }

        var states = db.GetCollection(LaneCollection);
        var state = LaneState.Load(states, lane);
        long next = Math.Max(state.Last, state.Floor);
        if (through <= next)
        {
            return null;
        }

        state.Floor = through;
        state.Save(states);
        return (next + 1, through);
    }

    /// <summary>
    /// Writes the pages the current write transaction filled. A store that calls it inside every write transaction,
    /// just before the commit, lets the appends collect their records in memory and write each page once; the first
    /// call switches the outbox to that. Call <see cref="SealPages"/> after every commit and rollback too.
    /// </summary>
    public void WritePages(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _open.Write(db);
    }

    /// <summary>Reads up to <paramref name="max"/> events of a lane with a sequence above <paramref name="afterSequence"/>, in order.</summary>
    public IReadOnlyList<OutboxEvent> ReadAfter(LiteDatabase db, string lane, long afterSequence, int max)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!_lanes.ContainsKey(lane))
        {
            throw new ArgumentException($"Unknown outbox lane '{lane}'.", nameof(lane));
        }

        var events = new List<OutboxEvent>(Math.Min(max, 1024));
        if (max <= 0)
        {
            return events;
        }

        if (HasLegacy(db, lane))
        {
            events.AddRange(LegacyOf(db, lane).Find(IdAbove(afterSequence), 0, max).Select(d => ToEvent(lane, d)));
        }

        if (events.Count < max)
        {
            ReadPages(PagesOf(db, lane), lane, events.Count > 0 ? events[^1].Sequence : afterSequence, max, events);
        }

        // A read stops before a gap inside it (numbers lost with a recovered store, ContinueAfter): a batch's sequences
        // are consecutive, and the read after the gap starts the next batch, which announces it.
        for (int i = 1; i < events.Count; i++)
        {
            if (events[i].Sequence != events[i - 1].Sequence + 1)
            {
                events.RemoveRange(i, events.Count - i);
                break;
            }
        }

        return events;
    }

    /// <summary>
    /// Records that central has everything of a lane through <paramref name="throughSequence"/>. Only moves the lane's
    /// mark (cheap, on the drain's hot path); <see cref="Purge"/> removes the events later. Returns how many were newly acknowledged.
    /// </summary>
    public int Acknowledge(LiteDatabase db, string lane, long throughSequence)
    {
        ArgumentNullException.ThrowIfNull(db);
        var states = db.GetCollection(LaneCollection);
        var state = LaneState.Load(states, lane);
        throughSequence = Math.Min(throughSequence, state.Last);
        if (throughSequence <= state.Acked)
        {
            return 0;
        }

        int newlyAcked = (int)Math.Max(0, throughSequence - state.UnackedFrom);
        state.Acked = throughSequence;
        if (throughSequence > state.Purged)
        {
            state.AckedCumulative = CumulativeThrough(db, lane, throughSequence) ?? state.PurgedCumulative;
        }

        state.Save(states);
        _ackedInTransaction = true;
        Interlocked.Increment(ref _ackChanges);
        if (_quotaAlarm)
        {
            PurgeAll(db, states);
            if (StoredBytes(states) < _options.QuotaBytes * 9 / 10)
            {
                _quotaAlarm = false;
                LogAlarmCleared(_logger);
            }
        }

        return newlyAcked;
    }

    /// <summary>
    /// Removes acknowledged events of a lane from the store, at most about <paramref name="maxEvents"/> and only whole
    /// pages (a page with an unacknowledged event stays). Returns how many events left the store.
    /// </summary>
    public int Purge(LiteDatabase db, string lane, int maxEvents)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!_lanes.ContainsKey(lane))
        {
            throw new ArgumentException($"Unknown outbox lane '{lane}'.", nameof(lane));
        }

        var states = db.GetCollection(LaneCollection);
        var state = LaneState.Load(states, lane);
        long upTo = Math.Min(state.Acked, state.Purged + maxEvents);
        if (upTo <= state.Purged)
        {
            return 0;
        }

        var (purged, purgedCumulative) = RemoveThrough(db, lane, upTo);
        if (purged <= state.Purged)
        {
            return 0;
        }

        int removed = (int)(purged - state.Purged);
        state.Purged = purged;
        state.PurgedCumulative = purgedCumulative;
        state.Save(states);
        return removed;
    }

    /// <summary>
    /// Acknowledged events still stored, over all lanes, counting a lane only when <see cref="Purge"/> can remove
    /// something of it now (its oldest page is acknowledged whole).
    /// </summary>
    public long Purgeable(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = LaneState.LoadAll(db.GetCollection(LaneCollection));
        return Lanes.Sum(l => all.TryGetValue(l.Name, out var s) && s.Acked > s.Purged && FrontRemovable(db, l.Name, s.Acked) ? s.Acked - s.Purged : 0);
    }

    /// <summary>The state of every lane, for status pages and for the sender's resume point.</summary>
    public IReadOnlyList<LaneBacklog> Backlog(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var states = db.GetCollection(LaneCollection);
        return Lanes.Select(l =>
        {
            var s = LaneState.Load(states, l.Name);
            var oldest = s.UnackedEvents > 0 ? ReadAfter(db, l.Name, s.UnackedFrom, 1) : [];
            return new LaneBacklog
            {
                Lane = l.Name,
                LastSequence = s.Last,
                AckedThrough = s.Acked,
                Events = s.UnackedEvents,
                Bytes = s.UnackedBytes,
                Shed = s.Shed,
                OldestOccurredAtUtc = oldest.Count > 0 ? oldest[0].OccurredAtUtc : null,
            };
        }).ToList();
    }

    private void PurgeAll(LiteDatabase db, ILiteCollection<BsonDocument> states)
    {
        foreach (var lane in Lanes)
        {
            if (LaneState.Load(states, lane.Name) is { } s && s.Acked > s.Purged)
            {
                Purge(db, lane.Name, int.MaxValue);
            }
        }
    }

    private void RaiseAlarm(string lane, long used)
    {
        if (!_quotaAlarm)
        {
            _quotaAlarm = true;
            LogQuotaAlarm(_logger, lane, used, _options.QuotaBytes);
        }
    }

    private static long StoredBytes(ILiteCollection<BsonDocument> states) =>
        LaneState.LoadAll(states).Values.Sum(s => s.StoredBytes);
}
