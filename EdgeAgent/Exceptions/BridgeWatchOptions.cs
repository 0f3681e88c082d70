namespace EdgeAgent.Exceptions;

/// <summary>When the link to central counts as an exception (<c>Exceptions:Bridge</c>).</summary>
public sealed class BridgeWatchOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Disconnected for longer than this: central is unreachable.</summary>
    public TimeSpan UnreachableAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An event waiting for central's ack longer than this: the link is as good as down.</summary>
    public TimeSpan MaxUnackedAge { get; set; } = TimeSpan.FromMinutes(5);
}
