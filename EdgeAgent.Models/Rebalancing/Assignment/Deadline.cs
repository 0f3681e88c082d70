namespace EdgeAgent.Models.Rebalancing;

/// <summary>A rebalance's time limit, read from the injected clock so tests can move time by hand.</summary>
internal readonly record struct Deadline(TimeProvider Time, long Start, TimeSpan Limit)
{
    public static Deadline StartNow(TimeProvider time, TimeSpan limit) => new(time, time.GetTimestamp(), limit);

    public TimeSpan Elapsed => Time.GetElapsedTime(Start);

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/> (or any negative limit) means no limit.</summary>
    public bool Unlimited => Limit < TimeSpan.Zero;

    public bool Passed => !Unlimited && Elapsed > Limit;

    /// <summary>True once the given share of the limit is used: optional work (improvement) stops there.</summary>
    public bool Used(double share) => !Unlimited && Elapsed.Ticks > Limit.Ticks * share;
}
