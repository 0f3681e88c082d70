using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A carton's shipping label was sent to the printer group.</summary>
[FloorEventType("label.requested")]
public sealed record LabelRequested : FloorEvent
{
    public required string Sscc { get; init; }

    public required string Submitted { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"label for {Sscc}: {Submitted}");
}
