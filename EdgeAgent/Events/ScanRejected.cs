using System.Globalization;
using EdgeAgent.Drivers.Handhelds;

namespace EdgeAgent.Events;

/// <summary>The workflow refused a handheld's message; the picker was told why.</summary>
[FloorEventType("scan.rejected")]
public sealed record ScanRejected : FloorEvent
{
    public string? PickerId { get; init; }

    public string? TaskId { get; init; }

    public required HandheldErrorCode Error { get; init; }

    public required string Message { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Error}: {Message}");
}
