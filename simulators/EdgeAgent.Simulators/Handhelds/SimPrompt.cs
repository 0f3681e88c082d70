using System.Text.Json;

namespace EdgeAgent.Simulators.Handhelds;

/// <summary>A prompt as the handheld reads it off its prompt topic; <see cref="Json"/> holds the whole message.</summary>
public sealed record SimPrompt(long? Ack, string Kind, string Text, string? Error, JsonElement Json)
{
    /// <summary>The task the prompt is about, when it names one.</summary>
    public SimTask? Task => SimTask.From(Json);

    /// <summary>The push number of a prompt the agent sent unasked; null for an answer.</summary>
    public long? Push => Json.TryGetProperty("push", out var push) && push.TryGetInt64(out var n) ? n : null;

    /// <summary>Reads a prompt, or returns null when the payload is not one (the app would ignore it).</summary>
    public static SimPrompt? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("ack", out var ack)
                || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            long? ackValue = ack.ValueKind switch
            {
                JsonValueKind.Number when ack.TryGetInt64(out var value) => value,
                JsonValueKind.Null => null,
                _ => -1,
            };
            if (ackValue == -1)
            {
                return null;
            }

            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return new SimPrompt(ackValue, kind.GetString()!, text.GetString()!, error, root.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
