using CloudBridge.Uplink;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace CloudBridge.Edge.Tests;

public sealed class BridgeResilienceTests
{
    [Fact]
    public async Task Reconnect_BacksOffOnTheInjectedClock_CappedLow_AndOpensTheCircuit()
    {
        var time = new FakeTimeProvider();
        var options = new UplinkOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(500), BreakDuration = TimeSpan.FromMilliseconds(500) };
        var delays = new List<TimeSpan>();
        var circuit = new List<bool>();
        var pipeline = BridgeResilience.Reconnect(options, time, (_, open) => circuit.Add(open), (_, d) => delays.Add(d));
        int attempts = 0;

        var run = pipeline.ExecuteAsync(_ =>
        {
            if (++attempts <= 8)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "ingress down"));
            }

            return ValueTask.CompletedTask;
        }, CancellationToken.None).AsTask();

        await Task.Yield();
        Assert.Equal(1, attempts);
        Assert.False(run.IsCompleted);

        var advanced = TimeSpan.Zero;
        while (!run.IsCompleted && advanced < TimeSpan.FromMinutes(1))
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
            await Task.Delay(1);
        }

        await run;
        Assert.Equal(9, attempts);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, options.MaxBackoff));
        Assert.Contains(true, circuit);
        Assert.False(circuit[^1]);
    }
}
