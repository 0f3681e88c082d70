using System.Runtime.InteropServices;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID): on a machine shared with other builds,
/// wall time includes the time the scheduler gave to them; this is what the rebalance itself consumed.
/// </summary>
internal static class ThreadClock
{
    private const int ThreadCpuTimeId = 3;

    public static bool Available { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static double Milliseconds() => TryRead(out var ms) ? ms : double.NaN;

    private static bool TryRead(out double milliseconds)
    {
        milliseconds = double.NaN;
        if (!OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuTimeId, out var spec) != 0)
        {
            return false;
        }

        milliseconds = (spec.Seconds * 1e3) + (spec.Nanoseconds / 1e6);
        return true;
    }

    // DllImport, not LibraryImport: the generated stub would need unsafe code enabled for the whole bench.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec spec);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
