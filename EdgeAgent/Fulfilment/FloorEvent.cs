namespace EdgeAgent.Fulfilment;

/// <summary>The record of one thing that happened on the floor, committed with its state change.</summary>
public sealed class FloorEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string Type { get; set; } = "";

    public string DeviceId { get; set; } = "";

    public long Seq { get; set; }

    public string? PickerId { get; set; }

    public string? TaskId { get; set; }

    public string Detail { get; set; } = "";
}
