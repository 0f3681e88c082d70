using System.Diagnostics;

namespace EdgeAgent.Bench;

/// <summary>Warm-up, then several timed repetitions; the median resists a noisy shared machine.</summary>
internal static class Measurement
{
    public static async Task<double> MedianRateAsync(int repetitions, int items, Func<int, Task> run)
    {
        await run(0); // warm-up: JIT, file creation, page cache
        var rates = new List<double>(repetitions);
        for (var rep = 1; rep <= repetitions; rep++)
        {
            var clock = Stopwatch.StartNew();
            await run(rep);
            rates.Add(items / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        return rates[rates.Count / 2];
    }
}
