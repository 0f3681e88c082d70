namespace EdgeAgent.ShiftScenario.Running;

/// <summary>What happens next on the floor, at a shift offset; ties go in the order they were scheduled.</summary>
internal sealed record ShiftEvent(TimeSpan At, ShiftEventKind Kind, FloorPicker? Picker = null, string? Subject = null, int Generation = 0);

internal enum ShiftEventKind
{
    Release,
    PickerLogin,
    PickerArrives,
    PickerFinishes,
    BreakStarts,
    SupervisorLooks,
    SupervisorActs,
    Sample,
    CutOffChange,
    Heartbeat,
    CartonArrives,
    CartonPasses,
    CartonArrivesQueued,
    DeviceDisruption,
    DeviceCheck,
}
