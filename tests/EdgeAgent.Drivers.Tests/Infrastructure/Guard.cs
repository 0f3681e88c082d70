namespace EdgeAgent.Drivers.Tests.Infrastructure;

/// <summary>A generous upper bound so a broken test fails instead of hanging; never a timing assertion.</summary>
internal static class Guard
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static CancellationToken Token() => new CancellationTokenSource(Timeout).Token;
}
