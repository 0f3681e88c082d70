namespace CloudBridge.Uplink;

/// <summary>Backlog of one lane as shown on the agent's page and in /metrics.</summary>
public sealed record LaneStatus
{
    public required string Lane { get; init; }
    public required long Backlog { get; init; }
    public required long BacklogBytes { get; init; }
    public required long AckedThrough { get; init; }
    public required long LastSequence { get; init; }
    public required long Shed { get; init; }
    public TimeSpan? OldestUnackedAge { get; init; }
}
