using EdgeAgent.ShiftScenario.Truth;
using EdgeAgent.Simulators.Handhelds;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>A picker during the run: their truth, their handheld, where they stand and what they hold.</summary>
internal sealed class FloorPicker(PickerTruth truth, HandheldClient handheld)
{
    public PickerTruth Truth { get; } = truth;

    public HandheldClient Handheld { get; } = handheld;

    public (int Aisle, int Bay) Position { get; set; } = (0, 0);

    public SimTask? Task { get; set; }

    public PickTiming? Timing { get; set; }

    /// <summary>Logged in and on the floor (not on break, not gone).</summary>
    public bool Working { get; set; }

    public bool BreakDue { get; set; }

    public TimeSpan? WorkingSince { get; set; }

    public TimeSpan WorkedTime { get; set; }

    public bool Gone { get; set; }

    /// <summary>When the handheld last published anything (shift offset), and whether a status heartbeat is scheduled.</summary>
    public TimeSpan LastSent { get; set; }

    public bool HeartbeatDue { get; set; }

    /// <summary>Bumped when the picker steps off the floor, so their earlier follow-ups (an idle retry) lapse.</summary>
    public int Generation { get; set; }
}
