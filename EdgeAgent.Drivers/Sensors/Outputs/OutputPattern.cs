namespace EdgeAgent.Drivers.Sensors;

/// <summary>How an output (a lamp or a buzzer) is driven: off, steady on, or blinking with a full on-off period.</summary>
public readonly record struct OutputPattern(OutputMode Mode, TimeSpan Period)
{
    public static OutputPattern Off => new(OutputMode.Off, TimeSpan.Zero);

    public static OutputPattern Steady => new(OutputMode.Steady, TimeSpan.Zero);

    /// <summary>On for half of <paramref name="period"/>, then off for the other half, starting on.</summary>
    public static OutputPattern Blink(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.FromMilliseconds(2));
        return new(OutputMode.Blink, period);
    }
}
