namespace EdgeAgent.Storage;

/// <summary>The data disk's free space against its floor, and what the watch shed and refused since start.</summary>
public sealed record FreeSpaceStatus
{
    public required bool Low { get; init; }

    public DateTimeOffset? LowSince { get; init; }

    /// <summary>Free bytes when last measured; null before the first measurement.</summary>
    public long? FreeBytes { get; init; }

    public required long MinFreeBytes { get; init; }

    public required long TelemetryShed { get; init; }

    public required long BusinessRefused { get; init; }

    /// <summary>How many times the alarm was raised since start.</summary>
    public required long Alarms { get; init; }
}
