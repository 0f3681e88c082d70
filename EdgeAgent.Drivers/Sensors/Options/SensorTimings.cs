namespace EdgeAgent.Drivers.Sensors;

/// <summary>The timers behind a sensor's derived events; <c>null</c> switches that event off.</summary>
/// <param name="CartonMinDwell">Blocked at least this long is a <see cref="CartonDetected"/>.</param>
/// <param name="JamAfter">Blocked this long is a <see cref="JamDetected"/>.</param>
/// <param name="OpenTooLongAfter">Active (door open) this long is a <see cref="DoorOpenTooLong"/>.</param>
public sealed record SensorTimings(TimeSpan? CartonMinDwell, TimeSpan? JamAfter, TimeSpan? OpenTooLongAfter)
{
    /// <summary>The role's timers, with its defaults (carton 20 ms, jam 5 s, door 10 min) where a value is not given.</summary>
    public static SensorTimings ForRole(SensorRole role, int? cartonMinDwellMs, int? jamAfterMs, int? openTooLongMs) => role switch
    {
        SensorRole.PhotoEye => new(Ms(cartonMinDwellMs ?? 20), Ms(jamAfterMs ?? 5000), null),
        SensorRole.JamSensor => new(null, Ms(jamAfterMs ?? 5000), null),
        _ => new(null, null, Ms(openTooLongMs ?? 600_000)),
    };

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
