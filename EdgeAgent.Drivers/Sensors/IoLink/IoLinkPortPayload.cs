using System.Text.Json;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>The port payload we assume an IO-Link master publishes: <c>{"v":1,"seq":42,"value":true,"ts":"…"}</c>.</summary>
internal readonly record struct IoLinkPortPayload(bool Value, long? Seq, DateTimeOffset? Timestamp)
{
    /// <summary>Reads one payload; <c>null</c> when it is not one JSON object of that shape and version.</summary>
    public static IoLinkPortPayload? TryParse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1
                || !root.TryGetProperty("value", out var value) || ReadValue(value) is not { } level)
            {
                return null;
            }

            long? seq = null;
            if (root.TryGetProperty("seq", out var seqElement))
            {
                if (seqElement.ValueKind != JsonValueKind.Number || !seqElement.TryGetInt64(out var s) || s < 0)
                {
                    return null;
                }

                seq = s;
            }

            DateTimeOffset? timestamp = null;
            if (root.TryGetProperty("ts", out var ts))
            {
                if (ts.ValueKind != JsonValueKind.String || !ts.TryGetDateTimeOffset(out var at))
                {
                    return null;
                }

                timestamp = at;
            }

            return new IoLinkPortPayload(level, seq, timestamp);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool? ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
        _ => null,
    };
}
