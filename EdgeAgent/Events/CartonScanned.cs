using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A conveyor scanner read a carton whose shipment is known.</summary>
[FloorEventType("carton.scanned")]
public sealed record CartonScanned : FloorEvent
{
    public required string Sscc { get; init; }

    public required string OrderNumber { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"carton {Sscc} for order {OrderNumber}");
}
