namespace EdgeAgent.Drivers.Handhelds;

/// <summary>A validated event from a handheld; only the field that belongs to <see cref="Type"/> is set.</summary>
public sealed record HandheldMessage
{
    public required string DeviceId { get; init; }

    /// <summary>Per-device sequence number, ≥ 1; a resend carries the same value.</summary>
    public required long Seq { get; init; }

    public required HandheldMessageType Type { get; init; }

    /// <summary>Badge id, for <see cref="HandheldMessageType.Login"/>.</summary>
    public string? Picker { get; init; }

    /// <summary>Scanned barcode data, for <see cref="HandheldMessageType.Scan"/>.</summary>
    public string? Code { get; init; }

    /// <summary>Quantity, for <see cref="HandheldMessageType.Confirm"/>, <see cref="HandheldMessageType.Short"/> and <see cref="HandheldMessageType.Damaged"/>.</summary>
    public int? Qty { get; init; }
}
