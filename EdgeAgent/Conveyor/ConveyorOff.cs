namespace EdgeAgent.Conveyor;

/// <summary>The status of a site with no conveyor (<c>Conveyor:Enabled</c> false): never running.</summary>
public sealed class ConveyorOff : IConveyorStatus
{
    public static readonly ConveyorOff Instance = new();

    private ConveyorOff()
    {
    }

    public ConveyorSnapshot? Snapshot() => null;
}
