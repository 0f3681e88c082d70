using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudBridge.Contract.Audit.V1;

/// <summary>
/// The audit chain's canonical encoding and link rules, defined once for every verifier (the edge's
/// <c>audit verify</c>, central's chain check): the tag <c>edgeagent-audit-v1</c>, then each field in the fixed
/// order below as a 4-byte big-endian length and its UTF-8 bytes (length -1 for an absent value). Numbers use the
/// invariant culture (integers in decimal, doubles round-trip "R"), the time is UTC <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>,
/// booleans <c>true</c>/<c>false</c>, the kind its name. The previous record's hash is the last field.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>What <c>EventEnvelope.schema</c> says for an audit record's payload.</summary>
    public static readonly string Schema = AuditRecord.Descriptor.FullName;

    /// <summary>The envelope type of an audit record on the audit lane.</summary>
    public const string EventType = "audit.record";

    private const string Tag = "edgeagent-audit-v1";

    public static string ComputeHash(AuditRecord record) => Convert.ToHexStringLower(SHA256.HashData(Canonical(record)));

    public static byte[] Canonical(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var inv = CultureInfo.InvariantCulture;
        string?[] fields =
        [
            Tag,
            record.Seq.ToString(inv),
            (record.At ?? new Google.Protobuf.WellKnownTypes.Timestamp()).ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", inv),
            KindName(record.Kind),
            record.ActionType,
            record.HasDecisionSeq ? record.DecisionSeq.ToString(inv) : null,
            record.HasTrigger ? record.Trigger : null,
            record.HasInputs ? record.Inputs : null,
            record.HasMethod ? record.Method : null,
            record.HasMethodVersion ? record.MethodVersion : null,
            record.HasConfidence ? record.Confidence.ToString("R", inv) : null,
            record.Fallback ? "true" : "false",
            record.HasRight ? record.Right : null,
            record.HasScope ? record.Scope : null,
            record.HasThreshold ? record.Threshold.ToString("R", inv) : null,
            record.Actor,
            record.Verdict,
            record.HasOutcome ? record.Outcome : null,
            record.HasReason ? record.Reason : null,
            record.PreviousHash,
        ];
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var field in fields)
        {
            var bytes = field is null ? null : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
            buffer.Write(length);
            buffer.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Null when <paramref name="record"/> is the link expected after (<paramref name="previousSeq"/>,
    /// <paramref name="previousHash"/>); otherwise the first problem, in words an auditor can act on.
    /// </summary>
    public static string? CheckLink(AuditRecord record, long previousSeq, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        long expected = previousSeq + 1;
        if (record.Seq != expected)
        {
            return record.Seq > expected
                ? $"sequence gap: expected seq {expected}, found {record.Seq} (records {expected}..{record.Seq - 1} were deleted)"
                : $"sequence regression: expected seq {expected}, found {record.Seq} (history was rewritten or replayed)";
        }

        if (!string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return $"previous-hash mismatch: the record does not follow seq {previousSeq} (records were reordered, one was inserted, or history was rewritten)";
        }

        var actual = ComputeHash(record);
        return string.Equals(actual, record.Hash, StringComparison.Ordinal)
            ? null
            : $"hash mismatch: the record's content does not match its hash (it was edited); stored {record.Hash}, computed {actual}";
    }

    // The names are part of the hash: the agent's enum names, never the proto spelling.
    private static string KindName(AuditKind kind) => kind switch
    {
        AuditKind.Decision => "Decision",
        AuditKind.HumanAction => "HumanAction",
        AuditKind.ConfigurationChange => "ConfigurationChange",
        _ => ((int)kind).ToString(CultureInfo.InvariantCulture),
    };
}
