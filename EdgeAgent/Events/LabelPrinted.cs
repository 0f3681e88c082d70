using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A label printer took a carton's label.</summary>
[FloorEventType("label.printed")]
public sealed record LabelPrinted : FloorEvent
{
    public string? Sscc { get; init; }

    public bool ReceiptConfirmed { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"label for {Sscc ?? "?"} printed on {DeviceId}{(ReceiptConfirmed ? "" : "; receipt not confirmed")}");
}
