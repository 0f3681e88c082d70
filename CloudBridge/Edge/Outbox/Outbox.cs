using LiteDB;
using Microsoft.Extensions.Logging;

namespace CloudBridge.Outbox;

/// <summary>
/// The transactional outbox: the host appends inside its own write transaction, so an event is stored
/// exactly when the state change that caused it is. Reads and deletes happen through <see cref="IOutboxStore"/>.
/// </summary>
public sealed partial class Outbox
{
    internal const string LaneCollection = "bridge_lane";
    private const int EnvelopeOverheadBytes = 64;

    private readonly OutboxOptions _options;
    private readonly Dictionary<string, LaneOptions> _lanes;
    private readonly TimeProvider _time;
    private readonly ILogger<Outbox> _logger;
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
    }

    /// <summary>Lanes in priority order.</summary>
    public IReadOnlyList<LaneOptions> Lanes { get; }

    /// <summary>True while a non-sheddable event was refused for lack of quota and the outbox has not drained below 90 %.</summary>
    public bool QuotaAlarm => _quotaAlarm;

    /// <summary>Signalled after each append so the sender wakes without polling.</summary>
    internal AsyncSignal Appended { get; } = new();

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

        long sequence = state.Last + 1;
        var eventId = Guid.NewGuid().ToString("N");
        var occurred = (occurredAtUtc ?? _time.GetUtcNow().UtcDateTime).ToUniversalTime();
        state.Cumulative += size;
        var document = new BsonDocument
        {
            ["_id"] = sequence,
            ["e"] = eventId,
            ["t"] = type,
            ["o"] = occurred.Ticks,
            ["p"] = payload.ToArray(),
            ["r"] = traceId ?? "",
            ["c"] = state.Cumulative,
        };
        if (!string.IsNullOrEmpty(schema))
        {
            document["s"] = schema;
        }

        EventsOf(db, lane).Insert(document);
        state.Last = sequence;
        state.Save(states);
        Appended.Set();
        return new AppendResult(true, sequence, eventId);
    }

    /// <summary>Reads up to <paramref name="max"/> events of a lane with a sequence above <paramref name="afterSequence"/>, in order.</summary>
    public IReadOnlyList<OutboxEvent> ReadAfter(LiteDatabase db, string lane, long afterSequence, int max)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!_lanes.ContainsKey(lane))
        {
            throw new ArgumentException($"Unknown outbox lane '{lane}'.", nameof(lane));
        }

        return EventsOf(db, lane)
            .Find(Query.GT("_id", afterSequence), 0, max)
            .Select(d => ToEvent(lane, d))
            .ToList();
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
            state.AckedCumulative = EventsOf(db, lane).FindById(throughSequence)?["c"].AsInt64 ?? state.PurgedCumulative;
        }

        state.Save(states);
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

    /// <summary>Removes up to <paramref name="maxEvents"/> acknowledged events of a lane from the store. Returns how many.</summary>
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

        var events = EventsOf(db, lane);
        state.PurgedCumulative = upTo == state.Acked ? state.AckedCumulative : events.FindById(upTo)?["c"].AsInt64 ?? state.PurgedCumulative;
        int removed = events.DeleteMany(Query.LTE("_id", upTo));
        state.Purged = upTo;
        state.Save(states);
        return removed;
    }

    /// <summary>Acknowledged events still stored, over all lanes.</summary>
    public long Purgeable(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = LaneState.LoadAll(db.GetCollection(LaneCollection));
        return Lanes.Sum(l => all.TryGetValue(l.Name, out var s) ? Math.Max(0, s.Acked - s.Purged) : 0);
    }

    /// <summary>The state of every lane, for status pages and for the sender's resume point.</summary>
    public IReadOnlyList<LaneBacklog> Backlog(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var states = db.GetCollection(LaneCollection);
        return Lanes.Select(l =>
        {
            var s = LaneState.Load(states, l.Name);
            var oldest = s.UnackedEvents > 0 ? EventsOf(db, l.Name).FindById(s.UnackedFrom + 1) : null;
            return new LaneBacklog
            {
                Lane = l.Name,
                LastSequence = s.Last,
                AckedThrough = s.Acked,
                Events = s.UnackedEvents,
                Bytes = s.UnackedBytes,
                Shed = s.Shed,
                OldestOccurredAtUtc = oldest is null ? null : new DateTime(oldest["o"].AsInt64, DateTimeKind.Utc),
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

    /// <summary>Removes the oldest events of sheddable lanes (lowest priority first) until <paramref name="needed"/> bytes are free.</summary>
    private long EvictSheddable(LiteDatabase db, ILiteCollection<BsonDocument> states, long needed)
    {
        long freed = 0;
        foreach (var lane in Lanes.Where(l => l.Sheddable).Reverse())
        {
            var state = LaneState.Load(states, lane.Name);
            var events = EventsOf(db, lane.Name);
            long upTo = state.Purged;
            long upToCumulative = state.PurgedCumulative;
            foreach (var doc in events.Find(Query.GT("_id", state.Purged)))
            {
                if (freed + (upToCumulative - state.PurgedCumulative) >= needed)
                {
                    break;
                }

                upTo = doc["_id"].AsInt64;
                upToCumulative = doc["c"].AsInt64;
            }

            if (upTo == state.Purged)
            {
                continue;
            }

            events.DeleteMany(Query.LTE("_id", upTo));
            freed += upToCumulative - state.PurgedCumulative;
            state.Shed += upTo - state.UnackedFrom > 0 ? upTo - state.UnackedFrom : 0;
            state.Purged = upTo;
            state.PurgedCumulative = upToCumulative;
            state.Save(states);
            if (freed >= needed)
            {
                break;
            }
        }

        return freed;
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

    private static ILiteCollection<BsonDocument> EventsOf(LiteDatabase db, string lane) =>
        db.GetCollection("bridge_out_" + lane.Replace('-', '_'));

    private static OutboxEvent ToEvent(string lane, BsonDocument d) => new()
    {
        Lane = lane,
        Sequence = d["_id"].AsInt64,
        EventId = d["e"].AsString,
        Type = d["t"].AsString,
        OccurredAtUtc = new DateTime(d["o"].AsInt64, DateTimeKind.Utc),
        Payload = d["p"].AsBinary,
        TraceId = d["r"].AsString,
        Schema = d.TryGetValue("s", out var schema) ? schema.AsString : "",
    };
}
