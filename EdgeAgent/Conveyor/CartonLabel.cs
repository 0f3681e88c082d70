namespace EdgeAgent.Conveyor;

/// <summary>What goes on a carton's shipping label, keyed by its SSCC (released with the shipment).</summary>
public sealed class CartonLabel
{
    /// <summary>The SSCC-18.</summary>
    public string Id { get; set; } = "";

    public string ShipToName { get; set; } = "";

    public List<string> ShipToAddress { get; set; } = [];

    public string OrderNumber { get; set; } = "";

    public string Carrier { get; set; } = "";

    /// <summary>The packed carton's expected weight; a divert compares the scanner's (310n) weight with it.</summary>
    public double? ExpectedWeightKg { get; set; }
}
