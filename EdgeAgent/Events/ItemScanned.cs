using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker scanned the right item for the task in hand.</summary>
[FloorEventType("scan.item")]
public sealed record ItemScanned : FloorEvent
{
    public required string PickerId { get; init; }

    public required string TaskId { get; init; }

    public required string Code { get; init; }

    /// <summary>The GTIN-14 a GS1 scan carried; null when the SKU itself was scanned.</summary>
    public string? Gtin { get; init; }

    public string? Batch { get; init; }

    /// <summary>The expiry (or best-before) date a GS1 scan carried, at UTC midnight.</summary>
    public DateTime? Expiry { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{PickerId} scanned {Code} for {TaskId}");
}
