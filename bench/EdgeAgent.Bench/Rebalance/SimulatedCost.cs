using System.Diagnostics;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>Spins for the time a real model would spend, so latency with stand-ins is not flattered.</summary>
internal static class SimulatedCost
{
    public static void Spend(double microsPerBatch, double microsPerRow, int rows)
    {
        if (rows == 0)
        {
            return;
        }

        var until = Stopwatch.GetTimestamp() + (long)((microsPerBatch + (microsPerRow * rows)) * Stopwatch.Frequency / 1_000_000);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }
}
