namespace EdgeAgent.Drivers.Sensors;

/// <summary>Something a floor sensor reported, raw or derived; <see cref="At"/> is when it happened on the floor.</summary>
public abstract record SensorEvent(string Sensor, DateTimeOffset At);
