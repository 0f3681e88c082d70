namespace EdgeAgent.Conveyor;

/// <summary>What the supervisor page shows of the line; a disabled line answers with <see cref="ConveyorOff"/>.</summary>
public interface IConveyorStatus
{
    /// <summary>The line now; null when no line is running.</summary>
    ConveyorSnapshot? Snapshot();
}
