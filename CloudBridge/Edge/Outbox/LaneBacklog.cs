namespace CloudBridge.Outbox;

/// <summary>What one lane of the outbox holds right now.</summary>
public sealed record LaneBacklog
{
    public required string Lane { get; init; }
    public required long LastSequence { get; init; }
    public required long AckedThrough { get; init; }
    public required long Events { get; init; }
    public required long Bytes { get; init; }
    public required long Shed { get; init; }
    public DateTime? OldestOccurredAtUtc { get; init; }
}
