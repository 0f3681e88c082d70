namespace EdgeAgent.Drivers.Sensors;

/// <summary>What a sensor input watches; decides its default debounce and which derived events it yields.</summary>
public enum SensorRole
{
    /// <summary>A photo-eye across a conveyor: carton detection by dwell, and a jam when it stays blocked.</summary>
    PhotoEye,

    /// <summary>A dedicated jam sensor (or a zone's blocked signal): jam detection only.</summary>
    JamSensor,

    /// <summary>A dock-door switch, active while the door is open: door-open-too-long.</summary>
    DoorSwitch,
}
