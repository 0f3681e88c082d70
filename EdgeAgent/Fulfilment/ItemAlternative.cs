namespace EdgeAgent.Fulfilment;

/// <summary>An SKU the ERP allows in place of a task's own when the shelf runs short, with its GTINs.</summary>
public sealed class ItemAlternative
{
    public string Sku { get; set; } = "";

    /// <summary>Where the alternative is stocked; the task's own location when the ERP gave none.</summary>
    public string? Location { get; set; }

    /// <summary>GTIN-14s, normalised (zero-padded) as the intake stores them.</summary>
    public List<string> Gtins { get; set; } = [];
}
