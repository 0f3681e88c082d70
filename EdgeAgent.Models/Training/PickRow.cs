namespace EdgeAgent.Models.Training;

/// <summary>One training row of the pick-duration model; column names are <c>PickFeatures.Names</c> plus the label.</summary>
internal sealed class PickRow
{
    public float TravelMetres { get; set; }

    public float AisleChanges { get; set; }

    public float Quantity { get; set; }

    public float HandlingClass { get; set; }

    public float Level { get; set; }

    public float PickerPace { get; set; }

    public float ZoneCongestion { get; set; }

    /// <summary>The pick's actual seconds.</summary>
    public float Label { get; set; }
}
