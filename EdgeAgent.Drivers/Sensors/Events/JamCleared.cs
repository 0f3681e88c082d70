namespace EdgeAgent.Drivers.Sensors;

/// <summary>A jammed zone cleared; <see cref="BlockedFor"/> is the whole time it was blocked.</summary>
public sealed record JamCleared(string Sensor, DateTimeOffset At, TimeSpan BlockedFor) : SensorEvent(Sensor, At);
