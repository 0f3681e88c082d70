using EdgeAgent.Models.Features;

namespace EdgeAgent.Fulfilment;

/// <summary>One line of pick work: go to a location and pick a quantity of one SKU.</summary>
public sealed class PickTask
{
    public string Id { get; set; } = "";

    public string Location { get; set; } = "";

    public string Sku { get; set; } = "";

    public int Quantity { get; set; }

    /// <summary>The ship cut-off of the task's order (UTC): the rule fallback orders by it.</summary>
    public DateTime DueAt { get; set; }

    public string Zone { get; set; } = "";

    public string OrderId { get; set; } = "";

    /// <summary>1 (most urgent) to 5.</summary>
    public int Priority { get; set; } = TaskIntake.DefaultPriority;

    public HandlingClass Handling { get; set; } = HandlingClass.Standard;

    /// <summary>A skill the picker must hold, or null.</summary>
    public string? RequiredSkill { get; set; }

    /// <summary>The item's GTIN-14s as released by the ERP (item data): a GS1 scan is matched against them.</summary>
    public List<string> Gtins { get; set; } = [];

    /// <summary>The batch (lot) the task asks for, or null for any.</summary>
    public string? Batch { get; set; }

    /// <summary>Stock expiring before this day (UTC midnight) is refused; null for no check.</summary>
    public DateTime? MinExpiry { get; set; }

    /// <summary>SKUs the ERP allows in place of this one when the shelf runs short.</summary>
    public List<ItemAlternative> Alternatives { get; set; } = [];

    /// <summary>The task this one was split or substituted from on a short pick; null for released work.</summary>
    public string? FollowsTaskId { get; set; }

    public DateTime ReleasedAt { get; set; }

    public PickTaskStatus Status { get; set; }

    public string? AssignedTo { get; set; }

    public DateTime? AssignedAt { get; set; }

    /// <summary>What the model predicted the pick would take when it was assigned; null when a rule chose it.</summary>
    public double? PredictedSeconds { get; set; }

    /// <summary>The order's late risk the model saw when it assigned this line; null when a rule chose it.</summary>
    public double? LateRisk { get; set; }

    public int? PickedQuantity { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>Raised on every change (<see cref="FloorCollections.SaveTask"/>): readers catch up from the last one they saw.</summary>
    public long Revision { get; set; }

    /// <summary>
    /// Moves it to <paramref name="picker"/> from <paramref name="at"/> (null: back to the open pool) outside the model's
    /// plan: a person's decision or a picker leaving, so no prediction is kept to measure the model's drift against.
    /// The caller saves it.
    /// </summary>
    public void MoveTo(string? picker, DateTime? at = null)
    {
        Status = picker is null ? PickTaskStatus.Open : PickTaskStatus.Assigned;
        AssignedTo = picker;
        AssignedAt = picker is null ? null : at;
        PredictedSeconds = null;
        LateRisk = null;
    }
}
