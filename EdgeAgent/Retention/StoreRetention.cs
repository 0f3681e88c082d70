using CloudBridge.Outbox;
using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Retention;

/// <summary>
/// Removes from the gateway what central has acknowledged and is older than <see cref="RetentionOptions.MaxAgeDays"/>:
/// floor events, finished tasks, audit records (leaving a checkpoint the verifier starts from) and acknowledged outbox pages.
/// </summary>
/// <remarks>
/// <para>How "acknowledged" is known without a per-document link to the outbox: each pass first writes a <em>mark</em>
/// (collection <c>retention_marks</c>): the time, the newest floor event id, the audit chain's last seq, and every outbox
/// lane's last sequence. A floor event or audit record commits in the same transaction as its outbox record, and the
/// single writer orders transactions, so everything up to a mark's ids was appended to the outbox up to the mark's lane
/// sequences. A mark is settled once every lane has nothing unacknowledged up to its sequence; the newest settled mark
/// older than the maximum age is the cut: ids up to it leave. Finished tasks leave when they were completed before it.</para>
/// <para>Without the bridge (standalone) central acknowledges nothing, so nothing is removed.</para>
/// <para>Each removal is its own store write of at most <see cref="RetentionOptions.BatchSize"/> documents, so the
/// floor's writes queue behind at most one of them.</para>
/// </remarks>
public sealed partial class StoreRetention(
    DurableStore store,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<StoreRetention> logger,
    RetentionCounters counters,
    Outbox? outbox = null)
{
    internal const string MarksCollection = "retention_marks";

    private readonly RetentionOptions _options = options.Value;

    /// <summary>Runs one pass: writes a mark, picks the cut, removes in bounded writes, logs one line with the counts.</summary>
    public async Task<RetentionPass> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (outbox is not { } lanes)
        {
            var none = new RetentionPass(now, null, 0, 0, 0, 0, 0);
            LogStandalone(logger);
            return none;
        }

        var cutoff = (now - _options.MaxAge).UtcDateTime;
        var cut = await store.WriteAsync(db => MarkAndChoose(db, now.UtcDateTime, cutoff), ct);
        long floorEvents = 0, tasks = 0, audit = 0, outboxEvents = 0;
        var batch = _options.BatchSize;
        if (cut is { } mark)
        {
            floorEvents = await RepeatAsync(db => RemoveFloorEvents(db, mark.FloorEventId, batch), ct);
            tasks = await RepeatAsync(db => RemoveFinishedTasks(db, mark.At, batch), ct);
            audit = await RepeatAsync(db => CutAudit(db, mark.AuditSeq, batch), ct);
        }

        outboxEvents = await RepeatAsync(db => lanes.Lanes.Sum(l => (long)lanes.Purge(db, l.Name, batch)), ct);
        var checkpoint = store.Read(db => new AuditCollections(db).Head.FindById(AuditChainHead.SingletonId)?.CutSeq ?? 0);
        var pass = new RetentionPass(now, cut is { } c ? new DateTimeOffset(c.At, TimeSpan.Zero) : null, floorEvents, tasks, audit, checkpoint, outboxEvents);
        counters.Add(pass);
        LogPass(logger, floorEvents, tasks, audit, checkpoint, outboxEvents, pass.RemovedBefore, _options.MaxAgeDays);
        return pass;
    }

    private async Task<long> RepeatAsync(Func<LiteDatabase, long> removeSome, CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            var removed = await store.WriteAsync(removeSome, ct);
            total += removed;
            if (removed == 0)
            {
                return total;
            }
        }
    }

    /// <summary>Writes this pass's mark; returns the newest settled mark older than the cutoff and drops older marks.</summary>
    private Mark? MarkAndChoose(LiteDatabase db, DateTime now, DateTime cutoff)
    {
        var lanes = outbox!.Backlog(db);
        var marks = db.GetCollection(MarksCollection, BsonAutoId.Int64);
        var head = new AuditCollections(db).Head.FindById(AuditChainHead.SingletonId) ?? new AuditChainHead();
        var laneDoc = new BsonDocument();
        foreach (var lane in lanes)
        {
            laneDoc[lane.Lane] = lane.LastSequence;
        }

        marks.Insert(new BsonDocument
        {
            ["at"] = now,
            ["floor"] = new FloorEventLog(db).LastId(),
            ["audit"] = head.LastSeq,
            ["lanes"] = laneDoc,
        });

        // Through this sequence a lane has nothing central has not acknowledged (or that the quota shed).
        var settled = lanes.ToDictionary(l => l.Lane, l => l.LastSequence - l.Events, StringComparer.Ordinal);
        foreach (var doc in marks.Find(Query.All(Query.Descending)).ToList())
        {
            var mark = Mark.From(doc);
            if (mark.At > cutoff)
            {
                continue;
            }

            if (mark.Lanes.All(l => !settled.TryGetValue(l.Key, out var through) || through >= l.Value))
            {
                marks.DeleteMany(StoreQuery.LT("_id", doc["_id"]));
                return mark;
            }
        }

        return null;
    }

    private static long RemoveFloorEvents(LiteDatabase db, long throughId, int batch)
    {
        var events = db.GetCollection(FloorEventLog.Collection, BsonAutoId.Int64);
        var first = events.Find(Query.All(), limit: 1).Select(d => d["_id"].AsInt64).FirstOrDefault();
        if (first == 0 || first > throughId)
        {
            return 0;
        }

        return events.DeleteMany(StoreQuery.Between("_id", first, Math.Min(throughId, first + batch - 1)));
    }

    private static long RemoveFinishedTasks(LiteDatabase db, DateTime completedBefore, int batch)
    {
        var tasks = new FloorCollections(db).Tasks;
        var ids = tasks.Find(StoreQuery.Between(nameof(PickTask.CompletedAt), DateTime.MinValue, completedBefore.AddTicks(-1)), limit: batch)
            .Where(t => t.Status is PickTaskStatus.Picked or PickTaskStatus.ShortPicked)
            .Select(t => new BsonValue(t.Id))
            .ToList();
        return ids.Count == 0 ? 0 : tasks.DeleteMany(StoreQuery.In("_id", ids));
    }

    /// <summary>Removes the oldest audit records up to <paramref name="throughSeq"/> (a batch) and moves the chain's checkpoint past them.</summary>
    private static long CutAudit(LiteDatabase db, long throughSeq, int batch)
    {
        var audit = new AuditCollections(db);
        var head = audit.Head.FindById(AuditChainHead.SingletonId);
        if (head is null)
        {
            return 0;
        }

        var from = head.CutSeq + 1;
        var upTo = Math.Min(throughSeq, head.CutSeq + batch);
        if (upTo < from || audit.Records.FindById(upTo) is not { } last)
        {
            return 0;
        }

        var removed = audit.Records.DeleteMany(StoreQuery.Between("_id", from, upTo));
        audit.Subjects.DeleteMany(StoreQuery.LTE(nameof(AuditSubject.Seq), upTo));
        head.CutSeq = upTo;
        head.CutHash = last.Hash;
        head.CutAt = last.At;
        audit.Head.Upsert(head);
        return removed;
    }

    private sealed record Mark(DateTime At, long FloorEventId, long AuditSeq, IReadOnlyDictionary<string, long> Lanes)
    {
        public static Mark From(BsonDocument doc) => new(
            doc["at"].AsDateTime.ToUniversalTime(),
            doc["floor"].AsInt64,
            doc["audit"].AsInt64,
            doc["lanes"].AsDocument.ToDictionary(l => l.Key, l => l.Value.AsInt64, StringComparer.Ordinal));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Retention pass: removed {FloorEvents} floor events, {Tasks} finished tasks, {AuditRecords} audit records (chain checkpoint at seq {CheckpointSeq}) and {OutboxEvents} acknowledged outbox events; cut at {RemovedBefore:O} (older than {MaxAgeDays} days and acknowledged by central; none yet when empty)")]
    private static partial void LogPass(ILogger logger, long floorEvents, long tasks, long auditRecords, long checkpointSeq, long outboxEvents, DateTimeOffset? removedBefore, int maxAgeDays);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Retention pass: the agent runs standalone (no CloudBridge:Uplink:Address), central acknowledges nothing, so nothing is removed")]
    private static partial void LogStandalone(ILogger logger);
}
