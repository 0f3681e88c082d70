namespace EdgeAgent.Fulfilment;

/// <summary>One line of pick work: go to a location and pick a quantity of one SKU.</summary>
public sealed class PickTask
{
    public string Id { get; set; } = "";

    public string Location { get; set; } = "";

    public string Sku { get; set; } = "";

    public int Quantity { get; set; }

    /// <summary>When the task must be picked by (UTC): the nearest-due rule orders by it.</summary>
    public DateTime DueAt { get; set; }

    public PickTaskStatus Status { get; set; }

    public string? AssignedTo { get; set; }

    public int? PickedQuantity { get; set; }

    public DateTime? CompletedAt { get; set; }
}
