namespace EdgeAgent.Drivers.Sensors;

/// <summary>A photo-eye was blocked at least the carton dwell and cleared again; <see cref="SensorEvent.At"/> is the leading edge.</summary>
public sealed record CartonDetected(string Sensor, DateTimeOffset At, TimeSpan Dwell) : SensorEvent(Sensor, At);
