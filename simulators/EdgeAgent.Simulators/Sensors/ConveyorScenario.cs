namespace EdgeAgent.Simulators.Sensors;

/// <summary>Cartons on a belt passing a row of photo-eyes, with an optional jam, contact bounce and a dock door.</summary>
public sealed class ConveyorScenario
{
    /// <summary>Photo-eye pins in belt order.</summary>
    public IReadOnlyList<int> EyePins { get; init; } = [3];

    /// <summary>Distance between neighbouring eyes along the belt, metres.</summary>
    public double EyeSpacingMeters { get; init; } = 1.0;

    /// <summary>Belt speed, metres per second (real belts run 0.3–2.5 m/s).</summary>
    public double BeltSpeedMetersPerSecond { get; init; } = 1.5;

    public double CartonLengthMeters { get; init; } = 0.4;

    public double GapMeters { get; init; } = 0.3;

    public int Cartons { get; init; } = 5;

    /// <summary>Time before the first carton reaches the first eye.</summary>
    public TimeSpan LeadIn { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>True when an eye's pin is high while blocked (light-on PNP); false for an NPN / dark-on wiring.</summary>
    public bool BlockedIsHigh { get; init; } = true;

    /// <summary>The carton (0-based) that jams at the first eye; <c>null</c> for none.</summary>
    public int? JamCarton { get; init; }

    /// <summary>How long the jammed carton stays on the first eye beyond its normal passage.</summary>
    public TimeSpan JamDuration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Chatter pulses (a touch of the new level and a fall back) before each clean edge; 0 = clean contacts.</summary>
    public int BouncePulses { get; init; }

    /// <summary>Time between chatter edges.</summary>
    public TimeSpan BounceSpacing { get; init; } = TimeSpan.FromMilliseconds(0.3);

    /// <summary>Dock-door switch pin (high while open); <c>null</c> for no door.</summary>
    public int? DoorPin { get; init; }

    public TimeSpan DoorOpensAt { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan DoorOpenFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time an eye is blocked by one carton at belt speed.</summary>
    public TimeSpan BlockedTime => TimeSpan.FromSeconds(CartonLengthMeters / BeltSpeedMetersPerSecond);

    /// <summary>Time between one carton's trailing edge and the next one's leading edge at an eye.</summary>
    public TimeSpan GapTime => TimeSpan.FromSeconds(GapMeters / BeltSpeedMetersPerSecond);
}
