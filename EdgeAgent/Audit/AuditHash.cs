using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeAgent.Audit;

/// <summary>
/// The canonical encoding an audit record's hash covers, so any verifier (here or at central) recomputes it
/// byte for byte: the tag <c>edgeagent-audit-v1</c>, then each field in the fixed order below as a 4-byte
/// big-endian length and its UTF-8 bytes (length -1 for null). Numbers use the invariant culture (integers
/// in decimal, doubles round-trip "R"), the time is UTC <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, booleans
/// <c>true</c>/<c>false</c>, the kind its enum name. The previous record's hash is the last field.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Tag = "edgeagent-audit-v1";

    public static string Compute(AuditRecord record) => Convert.ToHexStringLower(SHA256.HashData(Canonical(record)));

    public static byte[] Canonical(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var inv = CultureInfo.InvariantCulture;
        string?[] fields =
        [
            Tag,
            record.Seq.ToString(inv),
            record.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", inv),
            record.Kind.ToString(),
            record.ActionType,
            record.DecisionSeq?.ToString(inv),
            record.Trigger,
            record.Inputs,
            record.Method,
            record.MethodVersion,
            record.Confidence?.ToString("R", inv),
            record.Fallback ? "true" : "false",
            record.Right,
            record.Scope,
            record.Threshold?.ToString("R", inv),
            record.Actor,
            record.Verdict,
            record.Outcome,
            record.Reason,
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
}
