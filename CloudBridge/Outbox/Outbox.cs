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
    public AppendResult Append(LiteDatabase db, string lane, string type, ReadOnlySpan<byte> payload, DateTime? occurredAtUtc = null, string? traceId = null)
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
        var state = LoadState(states, lane);
        long size = payload.Length + type.Length + (traceId?.Length ?? 0) + EnvelopeOverheadBytes;
        long used = UsedBytes(states);
        if (used + size > _options.QuotaBytes)
        {
            if (laneOptions.Sheddable)
            {
                state["shed"] = state["shed"].AsInt64 + 1;
                states.Upsert(state);
                return new AppendResult(false, 0, "");
            }

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

        long sequence = state["last"].AsInt64 + 1;
        var eventId = Guid.NewGuid().ToString("N");
        var occurred = (occurredAtUtc ?? _time.GetUtcNow().UtcDateTime).ToUniversalTime();
        EventsOf(db, lane).Insert(new BsonDocument
        {
            ["_id"] = sequence,
            ["e"] = eventId,
            ["t"] = type,
            ["o"] = occurred.Ticks,
            ["p"] = payload.ToArray(),
            ["r"] = traceId ?? "",
            ["s"] = size,
        });
        state["last"] = sequence;
        state["count"] = state["count"].AsInt64 + 1;
        state["bytes"] = state["bytes"].AsInt64 + size;
        states.Upsert(state);
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

    /// <summary>Deletes everything of a lane up to <paramref name="throughSequence"/> (central has it durably). Returns the number deleted.</summary>
    public int Acknowledge(LiteDatabase db, string lane, long throughSequence)
    {
        ArgumentNullException.ThrowIfNull(db);
        var states = db.GetCollection(LaneCollection);
        var state = LoadState(states, lane);
        if (throughSequence <= state["acked"].AsInt64)
        {
            return 0;
        }

        var events = EventsOf(db, lane);
        var range = Query.LTE("_id", throughSequence);
        long bytes = events.Find(range).Sum(d => d["s"].AsInt64);
        int deleted = events.DeleteMany(range);
        state["acked"] = throughSequence;
        state["count"] = Math.Max(0, state["count"].AsInt64 - deleted);
        state["bytes"] = Math.Max(0, state["bytes"].AsInt64 - bytes);
        states.Upsert(state);
        if (_quotaAlarm && UsedBytes(states) < _options.QuotaBytes * 9 / 10)
        {
            _quotaAlarm = false;
            LogAlarmCleared(_logger);
        }

        return deleted;
    }

    /// <summary>The state of every lane, for status pages and for the sender's resume point.</summary>
    public IReadOnlyList<LaneBacklog> Backlog(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var states = db.GetCollection(LaneCollection);
        return Lanes.Select(l =>
        {
            var s = LoadState(states, l.Name);
            var oldest = EventsOf(db, l.Name).Find(Query.All("_id", Query.Ascending), 0, 1).FirstOrDefault();
            return new LaneBacklog
            {
                Lane = l.Name,
                LastSequence = s["last"].AsInt64,
                AckedThrough = s["acked"].AsInt64,
                Events = s["count"].AsInt64,
                Bytes = s["bytes"].AsInt64,
                Shed = s["shed"].AsInt64,
                OldestOccurredAtUtc = oldest is null ? null : new DateTime(oldest["o"].AsInt64, DateTimeKind.Utc),
            };
        }).ToList();
    }

    private long EvictSheddable(LiteDatabase db, ILiteCollection<BsonDocument> states, long needed)
    {
        long freed = 0;
        foreach (var lane in Lanes.Where(l => l.Sheddable).Reverse())
        {
            var events = EventsOf(db, lane.Name);
            var state = LoadState(states, lane.Name);
            while (freed < needed)
            {
                var victims = events.Find(Query.All("_id", Query.Ascending), 0, 64).ToList();
                if (victims.Count == 0)
                {
                    break;
                }

                foreach (var victim in victims.TakeWhile(_ => freed < needed))
                {
                    events.Delete(victim["_id"]);
                    long size = victim["s"].AsInt64;
                    freed += size;
                    state["bytes"] = state["bytes"].AsInt64 - size;
                    state["count"] = state["count"].AsInt64 - 1;
                    state["shed"] = state["shed"].AsInt64 + 1;
                }
            }

            states.Upsert(state);
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

    private static long UsedBytes(ILiteCollection<BsonDocument> states) =>
        states.FindAll().Sum(d => d["bytes"].AsInt64);

    private static BsonDocument LoadState(ILiteCollection<BsonDocument> states, string lane) =>
        states.FindById(lane) ?? new BsonDocument
        {
            ["_id"] = lane,
            ["last"] = 0L,
            ["acked"] = 0L,
            ["count"] = 0L,
            ["bytes"] = 0L,
            ["shed"] = 0L,
        };

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
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Outbox quota alarm: {Lane} event refused, {UsedBytes} of {QuotaBytes} bytes used and nothing left to shed; applying backpressure")]
    private static partial void LogQuotaAlarm(ILogger logger, string lane, long usedBytes, long quotaBytes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Outbox quota alarm cleared")]
    private static partial void LogAlarmCleared(ILogger logger);
}
