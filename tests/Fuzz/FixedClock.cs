namespace EdgeAgent.Fuzz;

/// <summary>A clock fixed at one instant, so the GS1 date window (which depends on today's year) is the same for every case.</summary>
internal sealed class FixedClock : TimeProvider
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
