using System.Runtime.ExceptionServices;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// Runs the shift's runs side by side. The first run that fails is named at once and stops the others, and its error
/// is the one thrown: an hour-long full form does not play on for an hour to report a failure from its first minutes.
/// </summary>
internal static class ParallelRuns
{
    public static async Task<T[]> RunAsync<T>(IReadOnlyList<(string Name, Func<CancellationToken, Task<T>> Run)> runs, TextWriter progress, CancellationToken ct)
    {
        var results = new T[runs.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Exception? first = null;
        var all = runs.Select(async (run, i) =>
        {
            try
            {
                results[i] = await run.Run(stop.Token);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && Interlocked.CompareExchange(ref first, ex, null) is null)
            {
                await progress.WriteLineAsync($"{run.Name} failed ({ex.GetType().Name}: {ex.Message}); stopping the other runs");
                await stop.CancelAsync();
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(all);
        }
        catch (Exception) when (first is not null)
        {
            ExceptionDispatchInfo.Throw(first); // not what a run stopped by it threw on the way out
        }

        return results;
    }
}
