using Google.Protobuf.WellKnownTypes;
using WireKind = CloudBridge.Contract.Audit.V1.AuditKind;
using WireRecord = CloudBridge.Contract.Audit.V1.AuditRecord;

namespace EdgeAgent.Audit;

/// <summary>An audit record in its wire form (<c>audit.proto</c>): what the audit lane ships and what the hash covers.</summary>
public static class AuditRecordWire
{
    public static WireRecord ToWire(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var wire = new WireRecord
        {
            Seq = record.Seq,
            At = Timestamp.FromDateTime(DateTime.SpecifyKind(record.At.ToUniversalTime(), DateTimeKind.Utc)),
            Kind = (WireKind)(int)record.Kind,
            ActionType = record.ActionType ?? "",
            Fallback = record.Fallback,
            Actor = record.Actor ?? "",
            Verdict = record.Verdict ?? "",
            PreviousHash = record.PreviousHash ?? "",
            Hash = record.Hash ?? "",
        };
        if (record.DecisionSeq is { } decisionSeq)
        {
            wire.DecisionSeq = decisionSeq;
        }

        if (record.Confidence is { } confidence)
        {
            wire.Confidence = confidence;
        }

        if (record.Threshold is { } threshold)
        {
            wire.Threshold = threshold;
        }

        // Absent and empty differ in the hash: a null string stays unset.
        SetIfPresent(record.Trigger, v => wire.Trigger = v);
        SetIfPresent(record.Inputs, v => wire.Inputs = v);
        SetIfPresent(record.Method, v => wire.Method = v);
        SetIfPresent(record.MethodVersion, v => wire.MethodVersion = v);
        SetIfPresent(record.Right, v => wire.Right = v);
        SetIfPresent(record.Scope, v => wire.Scope = v);
        SetIfPresent(record.Outcome, v => wire.Outcome = v);
        SetIfPresent(record.Reason, v => wire.Reason = v);
        return wire;
    }

    private static void SetIfPresent(string? value, Action<string> set)
    {
        if (value is not null)
        {
            set(value);
        }
    }
}
