using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A carton was scanned again while its label is already printing.</summary>
[FloorEventType("label.duplicate")]
public sealed record LabelDuplicate : FloorEvent
{
    public required string Sscc { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"label for {Sscc} already printing");
}
