using EdgeAgent.ShiftScenario.Running;

namespace ShiftScenario.Tests;

public class ParallelRunsTests
{
    [Fact]
    public async Task AFailingRun_IsNamedAtOnce_StopsTheOthers_AndItsErrorIsTheOneThrown()
    {
        var stoppedByIt = new TaskCompletionSource();
        using var progress = new StringWriter();
        (string, Func<CancellationToken, Task<int>>)[] runs =
        [
            ("normal: Models", async ct =>
            {
                // A long run: ends only when told to stop.
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                finally
                {
                    stoppedByIt.TrySetResult();
                }

                return 1;
            }),
            ("bad-day: Static", async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("the handheld's connection dropped");
            }),
        ];

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ParallelRuns.RunAsync(runs, progress, CancellationToken.None));

        Assert.Equal("the handheld's connection dropped", thrown.Message);
        Assert.True(stoppedByIt.Task.IsCompleted, "the long run was stopped, not awaited to its end");
        Assert.Equal("bad-day: Static failed (InvalidOperationException: the handheld's connection dropped); stopping the other runs", progress.ToString().Trim());
    }

    [Fact]
    public async Task RunsThatAllSucceed_GiveTheirResultsInTheirOrder()
    {
        using var progress = new StringWriter();
        (string, Func<CancellationToken, Task<int>>)[] runs =
        [
            ("a", async ct => { await Task.Delay(20, ct); return 1; }),
            ("b", _ => Task.FromResult(2)),
        ];

        int[] results = await ParallelRuns.RunAsync(runs, progress, CancellationToken.None);

        Assert.Equal([1, 2], results);
        Assert.Equal("", progress.ToString());
    }
}
