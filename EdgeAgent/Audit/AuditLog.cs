using CloudBridge.Outbox;
using Google.Protobuf;
using LiteDB;

namespace EdgeAgent.Audit;

/// <summary>
/// Appends to the hash-chained audit log inside the caller's store write, so a decision and its record
/// commit together; with the bridge configured the record also goes to central's audit lane in that write.
/// </summary>
public sealed class AuditLog(TimeProvider time, Outbox? outbox = null)
{
    /// <summary>The outbox event type of an audit record.</summary>
    public const string EventType = CloudBridge.Contract.Audit.V1.AuditChain.EventType;

    /// <summary>The actor of the agent's own decisions.</summary>
    public const string SystemActor = "system";

    public AuditRecord Append(LiteDatabase db, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var audit = new AuditCollections(db);
        var head = audit.Head.FindById(AuditChainHead.SingletonId) ?? new AuditChainHead();
        var now = time.GetUtcNow().UtcDateTime;
        // The store keeps milliseconds: hash exactly what a verifier will read back.
        var at = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var record = AuditRecord.From(entry, head.LastSeq + 1, at, head.LastHash);
        record.Hash = AuditHash.Compute(record);
        audit.Records.Insert(record);
        head.LastSeq = record.Seq;
        head.LastHash = record.Hash;
        audit.Head.Upsert(head);
        foreach (var key in AuditSubjects.Of(record.Actor, record.Inputs, record.Outcome))
        {
            audit.Subjects.Insert(new AuditSubject { Key = key, Seq = record.Seq });
        }
        // Shipped in its wire form (audit.proto), so central recomputes the hash on the same canonical bytes.
        outbox?.Append(db, OutboxOptions.Audit, EventType, AuditRecordWire.ToWire(record).ToByteArray(), at, schema: CloudBridge.Contract.Audit.V1.AuditChain.Schema);
        return record;
    }
}
