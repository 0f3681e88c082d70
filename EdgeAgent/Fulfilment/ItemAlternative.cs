namespace EdgeAgent.Fulfilment;

/// <summary>An SKU the ERP allows in place of a task's own when the shelf runs short, with its GTINs.</summary>
public sealed class ItemAlternative
{
    public string Sku { get; set; } = "";

    /// <summary>GTIN-14s, normalised (zero-padded) as the intake stores them.</summary>
    public List<string> Gtins { get; set; } = [];
}
