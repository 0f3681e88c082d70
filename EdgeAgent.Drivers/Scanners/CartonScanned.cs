namespace EdgeAgent.Drivers.Scanners;

/// <summary>
/// A carton passed a conveyor scanner: the decoded barcode, or the decode error (a no-read for sortation,
/// so the host can still divert the carton to the reject lane).
/// </summary>
public sealed record CartonScanned
{
    public required string DeviceId { get; init; }

    public required long Seq { get; init; }

    /// <summary>When the scanner says it read the carton, if it said.</summary>
    public DateTimeOffset? ScannedAt { get; init; }

    /// <summary>When the gateway received the read.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The data exactly as the scanner sent it.</summary>
    public required string Raw { get; init; }

    /// <summary>
    /// The broker delivered this read again (MQTT's DUP flag: it had sent it to the agent's session before, and the
    /// PUBACK never came, e.g. the agent was killed after storing it): a number at or below the scanner's last stored
    /// one is then a redelivery, not a scanner numbering again.
    /// </summary>
    public bool Redelivered { get; init; }

    public Barcode? Barcode { get; init; }

    public Gs1Error? Error { get; init; }

    /// <summary>The carton's SSCC, when the read decoded and carries (00).</summary>
    public string? Sscc => Barcode?.Sscc;
}
