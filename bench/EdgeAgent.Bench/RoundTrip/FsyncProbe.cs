using System.Diagnostics;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>What one fsync of a small append costs on the disk the agent's store is on, measured in the same run.</summary>
internal static class FsyncProbe
{
    public static (double MedianMs, double P99Ms) Measure(string directory, int samples)
    {
        Directory.CreateDirectory(directory);
        var record = new byte[300];
        var times = new List<double>(samples);
        using (var file = new FileStream(Path.Combine(directory, "fsync-probe.bin"), FileMode.Create, FileAccess.Write, FileShare.None))
        {
            for (var i = 0; i < samples + 5; i++)
            {
                var started = Stopwatch.GetTimestamp();
                file.Write(record);
                file.Flush(flushToDisk: true);
                if (i >= 5)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.99 * times.Count) - 1)]);
    }
}
