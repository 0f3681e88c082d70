namespace EdgeAgent.Events;

/// <summary>
/// Asked before a floor event is stored whether there is room for it (the data disk's free space): a
/// telemetry event may be shed, a business event is refused by throwing, which rolls the whole write back
/// so the device that caused it is told to retry instead of being acknowledged for something not stored.
/// </summary>
public interface IFloorEventGate
{
    /// <returns>True to store the event; false to shed it (telemetry only): it is neither stored nor observed.</returns>
    bool Admit(FloorEvent floorEvent);
}
