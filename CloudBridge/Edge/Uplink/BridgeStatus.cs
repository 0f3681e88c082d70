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

    /// <summary>Events read from the outbox by the sender since it started (resends after a reconnect included).</summary>
    public long EventsRead { get; init; }

    /// <summary>Reads of one outbox lane by the sender since it started, those that found nothing included; an idle sender makes none.</summary>
    public long LaneReads { get; init; }

    /// <summary>What the sender holds now: read from the outbox, not yet written to the stream (read-ahead and the batch being written).</summary>
    public ReadAheadFigures Held { get; init; } = ReadAheadFigures.None;

    /// <summary>The most the sender ever held at once since it started; bounded by <see cref="UplinkOptions.ReadAheadBatches"/> and <see cref="UplinkOptions.ReadAheadBytes"/>, never by the backlog.</summary>
    public ReadAheadFigures PeakHeld { get; init; } = ReadAheadFigures.None;

    /// <summary>
    /// This status without the figures that move with every batch (acks, the ack rate, reads, what the sender holds):
    /// what a live view compares to tell that the link itself changed. A new traffic figure belongs here too.
    /// </summary>
    public BridgeStatus WithoutTrafficFigures() => this with
    {
        AckedPerSecond = 0,
        EventsAcked = 0,
        LastAckAt = null,
        EventsRead = 0,
        LaneReads = 0,
        Held = ReadAheadFigures.None,
        PeakHeld = ReadAheadFigures.None,
    };
}

/// <summary>Batches, events and bytes held by the uplink sender between the outbox read and the stream write.</summary>
public sealed record ReadAheadFigures(int Batches, long Events, long Bytes)
{
    public static ReadAheadFigures None { get; } = new(0, 0, 0);
}
