namespace EdgeAgent.Fulfilment;

/// <summary>A backordered quantity of a short-picked line: the order ships without it, and the ERP releases it again later (collection <c>shipment_splits</c>).</summary>
public sealed class ShipmentSplit
{
    /// <summary>The short-picked task's id.</summary>
    public string Id { get; set; } = "";

    public string OrderId { get; set; } = "";

    public string Sku { get; set; } = "";

    public int Backordered { get; set; }

    public DateTime SplitAt { get; set; }

    public string SplitBy { get; set; } = "";

    public long DecisionSeq { get; set; }
}
