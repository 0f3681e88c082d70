namespace EdgeAgent.Drivers.Sensors;

/// <summary>A dock door has stayed open past its limit; raised once per opening.</summary>
public sealed record DoorOpenTooLong(string Sensor, DateTimeOffset At, DateTimeOffset OpenSince) : SensorEvent(Sensor, At)
{
    public TimeSpan OpenFor => At - OpenSince;
}
