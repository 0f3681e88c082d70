using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A conveyor scanner read a carton with no shipment released: divert it to exceptions.</summary>
[FloorEventType("carton.unknown")]
public sealed record CartonUnknown : FloorEvent
{
    public required string Sscc { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"carton {Sscc}: no shipment released for this SSCC");
}
