namespace EdgeAgent.Drivers.Sensors;

/// <summary>The named states a stack light shows on the floor.</summary>
public enum StackLightSignal
{
    /// <summary>Everything dark and silent.</summary>
    Off,

    /// <summary>Green steady: running normally.</summary>
    Normal,

    /// <summary>Amber steady: attention needed soon (a door open long, a zone filling up).</summary>
    Warning,

    /// <summary>Red blinking with the buzzer in step: stop and look (a jam, a fault).</summary>
    Fault,
}
