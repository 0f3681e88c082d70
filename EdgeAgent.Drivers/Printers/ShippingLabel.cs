namespace EdgeAgent.Drivers.Printers;

/// <summary>What goes on a carton's shipping label; free text is printed literally, whatever it contains.</summary>
public sealed record ShippingLabel
{
    /// <summary>Serial Shipping Container Code: 18 digits, the last a GS1 check digit.</summary>
    public required string Sscc { get; init; }

    public required string ShipToName { get; init; }

    /// <summary>One to four lines.</summary>
    public required IReadOnlyList<string> ShipToAddress { get; init; }

    public required string OrderNumber { get; init; }

    public required string Carrier { get; init; }
}
