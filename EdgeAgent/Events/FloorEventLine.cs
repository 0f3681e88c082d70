namespace EdgeAgent.Events;

/// <summary>A floor event as the page lists it: its envelope, its wire name and its line for people.</summary>
public sealed record FloorEventLine(long Id, DateTime At, string Type, string DeviceId, long Seq, string Summary)
{
    public static FloorEventLine Of(FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        return new(floorEvent.Id, floorEvent.At, floorEvent.Type, floorEvent.DeviceId, floorEvent.Seq, floorEvent.Describe());
    }
}
