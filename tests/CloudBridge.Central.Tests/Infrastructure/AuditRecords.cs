using CloudBridge.Contract.Audit.V1;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudBridge.Central.Tests.Infrastructure;

/// <summary>Audit records as a gateway writes them: hash-chained with the contract's canonical encoding.</summary>
public static class AuditRecords
{
    public static List<AuditRecord> Chain(int count, long firstSeq = 1, string? previousHash = null, string? reason = null)
    {
        var records = new List<AuditRecord>();
        var previous = previousHash ?? AuditChain.Genesis;
        for (long seq = firstSeq; seq < firstSeq + count; seq++)
        {
            var record = new AuditRecord
            {
                Seq = seq,
                At = Timestamp.FromDateTime(new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddSeconds(seq)),
                Kind = seq % 3 == 0 ? AuditKind.HumanAction : AuditKind.Decision,
                ActionType = "task.reassign",
                Actor = seq % 3 == 0 ? "sam" : "system",
                Verdict = seq % 3 == 0 ? "approved" : "execute",
                Method = "late-risk",
                MethodVersion = "1.2.0",
                Confidence = 0.5 + (seq % 5 / 10.0),
                PreviousHash = previous,
            };
            if (reason is not null)
            {
                record.Reason = reason;
            }

            record.Hash = AuditChain.ComputeHash(record);
            previous = record.Hash;
            records.Add(record);
        }

        return records;
    }

    public static EventEnvelope Envelope(AuditRecord record, long laneSequence, string gateway = "dc-1") => new()
    {
        GatewayId = gateway,
        Lane = "audit",
        Sequence = (ulong)laneSequence,
        EventId = Guid.NewGuid().ToString("N"),
        Type = AuditChain.EventType,
        Schema = AuditChain.Schema,
        OccurredAt = record.At,
        Payload = record.ToByteString(),
    };
}
