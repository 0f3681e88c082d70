using System.Text.Json;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>Turns a handheld event payload into a <see cref="HandheldMessage"/> or a rejection; never throws on bad input.</summary>
public static class HandheldMessageParser
{
    public const int SchemaVersion = 1;
    public const int MaxPickerLength = 64;
    public const int MaxCodeLength = 128;
    public const int MaxQty = 100_000;

    private static readonly Dictionary<string, HandheldMessageType> Types = new(StringComparer.Ordinal)
    {
        ["login"] = HandheldMessageType.Login,
        ["scan"] = HandheldMessageType.Scan,
        ["confirm"] = HandheldMessageType.Confirm,
        ["short"] = HandheldMessageType.Short,
        ["logout"] = HandheldMessageType.Logout,
        ["damaged"] = HandheldMessageType.Damaged,
    };

    public static HandheldParseResult Parse(ReadOnlySpan<byte> payload, string deviceId, int maxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (payload.Length > maxPayloadBytes)
        {
            return HandheldParseResult.Rejected(HandheldErrorCode.PayloadTooLarge, $"Payload of {payload.Length} bytes is over the {maxPayloadBytes}-byte limit");
        }

        var fields = default(HandheldPayloadFields);
        try
        {
            if (!HandheldPayloadFields.TryRead(payload, ref fields))
            {
                return HandheldParseResult.Rejected(HandheldErrorCode.MalformedJson, "Payload must be a JSON object");
            }
        }
        catch (JsonException ex)
        {
            return HandheldParseResult.Rejected(HandheldErrorCode.MalformedJson, $"Payload is not valid JSON: {ex.Message}", fields.ReadableSeq);
        }
        catch (InvalidOperationException)
        {
            return HandheldParseResult.Rejected(HandheldErrorCode.MalformedJson, "Payload is not valid UTF-8", fields.ReadableSeq);
        }

        return Validate(in fields, deviceId);
    }

    private static HandheldParseResult Validate(in HandheldPayloadFields fields, string deviceId)
    {
        var seq = fields.ReadableSeq;
        if (fields.Duplicate is { } duplicate)
        {
            return Bad($"Field '{duplicate}' occurs more than once", seq);
        }

        if (!fields.V.IsPresent)
        {
            return Missing("v", seq);
        }

        if (fields.V.Integer is not { } version)
        {
            return Bad($"Field 'v' must be an integer, not {fields.V.Describe()}", seq);
        }

        if (version != SchemaVersion)
        {
            return HandheldParseResult.Rejected(HandheldErrorCode.UnsupportedVersion, $"Schema version {version} is not supported; use {SchemaVersion}", seq);
        }

        if (!fields.Seq.IsPresent)
        {
            return Missing("seq", null);
        }

        if (seq is null)
        {
            return Bad($"Field 'seq' must be an integer ≥ 1, not {Show(fields.Seq)}", null);
        }

        if (!fields.Type.IsPresent)
        {
            return Missing("type", seq);
        }

        if (fields.Type.Text is not { } typeName)
        {
            return Bad($"Field 'type' must be a string, not {fields.Type.Describe()}", seq);
        }

        if (!Types.TryGetValue(typeName, out var type))
        {
            return HandheldParseResult.Rejected(HandheldErrorCode.UnknownType, $"Unknown type '{Truncate(typeName)}'", seq);
        }

        var message = new HandheldMessage { DeviceId = deviceId, Seq = seq.Value, Type = type };
        return type switch
        {
            HandheldMessageType.Login => WithString(message, "picker", fields.Picker, MaxPickerLength, (m, s) => m with { Picker = s }),
            HandheldMessageType.Scan => WithString(message, "code", fields.Code, MaxCodeLength, (m, s) => m with { Code = s }),
            HandheldMessageType.Confirm or HandheldMessageType.Short or HandheldMessageType.Damaged => WithQty(message, fields.Qty),
            _ => HandheldParseResult.Valid(message),
        };
    }

    private static HandheldParseResult WithString(
        HandheldMessage message, string name, JsonFieldValue field, int maxLength, Func<HandheldMessage, string, HandheldMessage> set)
    {
        if (!field.IsPresent)
        {
            return Missing(name, message.Seq);
        }

        if (field.Text is not { } text)
        {
            return Bad($"Field '{name}' must be a string, not {field.Describe()}", message.Seq);
        }

        return text.Length is 0 || text.Length > maxLength
            ? Bad($"Field '{name}' must be 1–{maxLength} characters, not {text.Length}", message.Seq)
            : HandheldParseResult.Valid(set(message, text));
    }

    private static HandheldParseResult WithQty(HandheldMessage message, JsonFieldValue field)
    {
        if (!field.IsPresent)
        {
            return Missing("qty", message.Seq);
        }

        if (field.Integer is not { } qty)
        {
            return Bad($"Field 'qty' must be an integer, not {field.Describe()}", message.Seq);
        }

        return qty is < 0 or > MaxQty
            ? Bad($"Field 'qty' must be 0–{MaxQty}, not {qty}", message.Seq)
            : HandheldParseResult.Valid(message with { Qty = (int)qty });
    }

    private static HandheldParseResult Missing(string name, long? seq) =>
        HandheldParseResult.Rejected(HandheldErrorCode.MissingField, $"Field '{name}' is missing", seq);

    private static HandheldParseResult Bad(string reason, long? seq) =>
        HandheldParseResult.Rejected(HandheldErrorCode.BadField, reason, seq);

    private static string Show(JsonFieldValue field) =>
        field.Integer is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : field.Describe();

    private static string Truncate(string text) => text.Length <= 32 ? text : string.Concat(text.AsSpan(0, 32), "…");
}
