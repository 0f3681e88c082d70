namespace EdgeAgent.Drivers.Sensors;

/// <summary>A zone stayed blocked past its jam time.</summary>
public sealed record JamDetected(string Sensor, DateTimeOffset At, DateTimeOffset BlockedSince) : SensorEvent(Sensor, At);
