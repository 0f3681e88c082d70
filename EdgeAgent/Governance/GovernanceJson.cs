using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAgent.Governance;

/// <summary>The one JSON shape governance stores and serves: camelCase, enums by name.</summary>
internal static class GovernanceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The mode as audit records and floor events spell it.</summary>
    public static string Name(DecisionMode mode) => mode switch
    {
        DecisionMode.Automated => "automated",
        DecisionMode.Assisted => "assisted",
        _ => "human-only",
    };

    /// <summary>Parses <paramref name="json"/> as an object, or says why it is not one.</summary>
    public static bool TryParseObject(string? json, out JsonElement element, out string? problem)
    {
        element = default;
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(json ?? "");
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "the outcome must be a JSON object";
                return false;
            }

            element = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException ex)
        {
            problem = "the outcome is not JSON: " + ex.Message;
            return false;
        }
    }
}
