using System.Text.Json.Serialization;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>The agent's answer to one handheld event, published on the device's prompt topic.</summary>
public sealed record HandheldPrompt
{
    public const int SchemaVersion = 1;

    [JsonPropertyName("v")]
    [JsonPropertyOrder(-2)]
    public int Version { get; init; } = SchemaVersion;

    /// <summary>The <c>seq</c> answered; null (written as JSON null) when the event could not be read far enough.</summary>
    [JsonPropertyOrder(-1)]
    public required long? Ack { get; init; }

    /// <summary>
    /// Set only on a prompt the agent sent on its own (a task given by a supervisor, an approval, a reassignment,
    /// work released while the picker waited): per device, one higher for each push. <see cref="Ack"/> then
    /// repeats the last <c>seq</c> applied; it is not a new answer.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(-1)]
    public long? Push { get; init; }

    public required PromptKind Kind { get; init; }

    public required string Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HandheldErrorCode? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PromptTask? Task { get; init; }

    public static HandheldPrompt ForError(long? ack, HandheldErrorCode error, string text) =>
        new() { Ack = ack, Kind = PromptKind.Error, Error = error, Text = text };

    public byte[] ToUtf8Json() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, HandheldJsonContext.Default.HandheldPrompt);

    public static HandheldPrompt? FromUtf8Json(ReadOnlySpan<byte> json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, HandheldJsonContext.Default.HandheldPrompt);
}
