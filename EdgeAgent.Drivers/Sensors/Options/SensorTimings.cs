namespace EdgeAgent.Drivers.Sensors;

/// <summary>The timers behind a sensor's derived events; <c>null</c> switches that event off.</summary>
/// <param name="CartonMinDwell">Blocked at least this long is a <see cref="CartonDetected"/>.</param>
/// <param name="JamAfter">Blocked this long is a <see cref="JamDetected"/>.</param>
/// <param name="OpenTooLongAfter">Active (door open) this long is a <see cref="DoorOpenTooLong"/>.</param>
public sealed record SensorTimings(TimeSpan? CartonMinDwell, TimeSpan? JamAfter, TimeSpan? OpenTooLongAfter);
