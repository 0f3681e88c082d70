using System.Text.Json;

namespace EdgeAgent.Audit;

/// <summary>What an audit record is about, read from its actor and the ids named in its inputs and outcome (JSON).</summary>
public static class AuditSubjects
{
    private const int MaxKeys = 32;

    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["orderId"] = "order",
        ["order"] = "order",
        ["taskId"] = "task",
        ["task"] = "task",
        ["deviceId"] = "device",
        ["device"] = "device",
        ["printerId"] = "device",
        ["printer"] = "device",
        ["scannerId"] = "device",
        ["picker"] = "picker",
        ["pickerId"] = "picker",
        ["toPicker"] = "picker",
        ["fromPicker"] = "picker",
        ["person"] = "person",
    };

    public static string Key(string kind, string id) => $"{kind}:{id}";

    /// <summary>The subject keys of a record with this actor, inputs and outcome; the system actor is no person.</summary>
    public static IReadOnlyList<string> Of(string? actor, string? inputs, string? outcome)
    {
        var keys = new List<string>();
        if (!string.IsNullOrEmpty(actor) && actor != AuditLog.SystemActor)
        {
            keys.Add(Key("person", actor));
        }

        foreach (var json in new[] { inputs, outcome })
        {
            if (string.IsNullOrEmpty(json) || json[0] is not ('{' or '['))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(json);
                Collect(document.RootElement, keys, depth: 0);
            }
            catch (JsonException)
            {
                // Not JSON after all: the record is found by its actor and time.
            }
        }

        return [.. keys.Distinct(StringComparer.Ordinal).Take(MaxKeys)];
    }

    private static void Collect(JsonElement element, List<string> keys, int depth)
    {
        if (depth > 4 || keys.Count >= MaxKeys)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, keys, depth + 1);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (Fields.TryGetValue(property.Name, out var kind) && property.Value.ValueKind == JsonValueKind.String
                    && property.Value.GetString() is { Length: > 0 and <= 128 } id)
                {
                    keys.Add(Key(kind, id));
                }
                else
                {
                    Collect(property.Value, keys, depth + 1);
                }
            }
        }
    }
}
