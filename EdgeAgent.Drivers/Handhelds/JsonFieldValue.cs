using System.Text.Json;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>One known field as read off the wire, before its type and range are judged.</summary>
internal readonly record struct JsonFieldValue(JsonTokenType Token, long? Integer, string? Text)
{
    public bool IsPresent => Token != JsonTokenType.None;

    public static JsonFieldValue Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return new(JsonTokenType.Number, reader.TryGetInt64(out var value) ? value : null, null);
            case JsonTokenType.String:
                return new(JsonTokenType.String, null, reader.GetString());
            default:
                var token = reader.TokenType;
                reader.Skip();
                return new(token, null, null);
        }
    }

    public string Describe() => Token switch
    {
        JsonTokenType.Number => Integer is null ? "a non-integer number" : "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "missing",
    };
}
