using System.Globalization;
using System.Text.Json;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>Reads <c>{"v":1,"seq":N,"data":"…","at":"ISO-8601"}</c>; never throws on bad input.</summary>
public static class ScannerReadParser
{
    public const int SchemaVersion = 1;
    public const int MaxDataLength = 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    public static ScannerReadParseResult Parse(ReadOnlyMemory<byte> payload, string deviceId, int maxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (payload.Length > maxPayloadBytes)
        {
            return ScannerReadParseResult.Rejected(ScannerReadError.PayloadTooLarge, $"Payload of {payload.Length} bytes is over the {maxPayloadBytes}-byte limit");
        }

        try
        {
            using var document = JsonDocument.Parse(payload, Options);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Validate(document.RootElement, deviceId)
                : ScannerReadParseResult.Rejected(ScannerReadError.MalformedJson, "Payload must be a JSON object");
        }
        catch (JsonException ex)
        {
            return ScannerReadParseResult.Rejected(ScannerReadError.MalformedJson, $"Payload is not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            return ScannerReadParseResult.Rejected(ScannerReadError.MalformedJson, "Payload is not valid UTF-8");
        }
    }

    private static ScannerReadParseResult Validate(JsonElement root, string deviceId)
    {
        if (!root.TryGetProperty("v", out var v))
        {
            return Missing("v");
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version))
        {
            return Bad("Field 'v' must be an integer");
        }

        if (version != SchemaVersion)
        {
            return ScannerReadParseResult.Rejected(ScannerReadError.UnsupportedVersion, $"Schema version {version} is not supported; use {SchemaVersion}");
        }

        if (!root.TryGetProperty("seq", out var seqField))
        {
            return Missing("seq");
        }

        if (seqField.ValueKind != JsonValueKind.Number || !seqField.TryGetInt64(out var seq) || seq < 1)
        {
            return Bad("Field 'seq' must be an integer ≥ 1");
        }

        if (!root.TryGetProperty("data", out var dataField))
        {
            return Missing("data");
        }

        if (dataField.ValueKind != JsonValueKind.String || dataField.GetString() is not { Length: > 0 and <= MaxDataLength } data)
        {
            return Bad($"Field 'data' must be a string of 1–{MaxDataLength} characters");
        }

        DateTimeOffset? at = null;
        if (root.TryGetProperty("at", out var atField) && atField.ValueKind != JsonValueKind.Null)
        {
            if (atField.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(atField.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            {
                return Bad("Field 'at' must be an ISO-8601 date and time");
            }

            at = parsed;
        }

        return new ScannerReadParseResult(new ScannerRead(deviceId, seq, data, at), default, "");
    }

    private static ScannerReadParseResult Missing(string name) =>
        ScannerReadParseResult.Rejected(ScannerReadError.MissingField, $"Field '{name}' is missing");

    private static ScannerReadParseResult Bad(string reason) =>
        ScannerReadParseResult.Rejected(ScannerReadError.BadField, reason);
}
