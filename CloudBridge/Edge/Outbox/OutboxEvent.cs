namespace CloudBridge.Outbox;

/// <summary>One event waiting in the outbox, as the sender reads it.</summary>
public sealed record OutboxEvent
{
    public required string Lane { get; init; }
    public required long Sequence { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public required DateTime OccurredAtUtc { get; init; }
    public required byte[] Payload { get; init; }
    public string TraceId { get; init; } = "";

    /// <summary>The message the payload holds (<c>EventEnvelope.schema</c>); empty when the type implies it.</summary>
    public string Schema { get; init; } = "";
}
