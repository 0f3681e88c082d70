namespace EdgeAgent.Drivers.Sensors;

/// <summary>A debounced input changed state; <see cref="SensorEvent.At"/> is the edge that started the new level, not the end of its debounce.</summary>
public sealed record SensorChanged(string Sensor, SensorRole Role, bool Active, DateTimeOffset At) : SensorEvent(Sensor, At);
