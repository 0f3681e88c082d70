namespace EdgeAgent.Simulators.Floor;

public sealed class PickerBotOptions
{
    public required string PickerId { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Time to walk to the next location.</summary>
    public TimeSpan Walk { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>How long an idle picker waits before asking for work again.</summary>
    public TimeSpan IdleRetry { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of locations where the picker first scans the wrong shelf.</summary>
    public double MistakeRate { get; init; } = 0.05;

    /// <summary>Share of tasks the picker finds short.</summary>
    public double ShortRate { get; init; } = 0.05;
}
