namespace CloudBridge.Uplink;

/// <summary>A snapshot of the uplink for the host's status page and /metrics.</summary>
public sealed record BridgeStatus
{
    public required bool Connected { get; init; }
    public required bool CircuitOpen { get; init; }
    public required bool QuotaAlarm { get; init; }
    public required IReadOnlyList<LaneStatus> Lanes { get; init; }
    public required long EventsAcked { get; init; }
    public required double AckedPerSecond { get; init; }
    public required long Sessions { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastAckAt { get; init; }
}
