namespace EdgeAgent.Drivers.Sensors;

public enum OutputMode
{
    Off,
    Steady,
    Blink,
}
