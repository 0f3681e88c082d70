using System.Text.Json;

namespace EdgeAgent.Kpis;

/// <summary>The parts of a governance event's JSON detail the KPIs count; all false when the detail is not JSON.</summary>
internal readonly record struct DecisionFlags(bool LowConfidence, bool Fallback, string? Code, string? Team, double? ResolutionSeconds, string? By)
{
    public static DecisionFlags Parse(string detail)
    {
        if (!detail.StartsWith('{'))
        {
            return default;
        }

        try
        {
            using var doc = JsonDocument.Parse(detail);
            var root = doc.RootElement;
            return new DecisionFlags(
                Flag(root, "lowConfidence"),
                Flag(root, "fallback"),
                Text(root, "code"),
                Text(root, "team"),
                root.TryGetProperty("resolutionSeconds", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null,
                Text(root, "by"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static bool Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
