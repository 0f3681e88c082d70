using System.Diagnostics;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>
/// Evidence for where a round-trip tail comes from, taken over one measured scenario: this process's GC pauses and
/// collections, how deep the thread pool's queue got (sampled every millisecond on a thread of its own), CPU time
/// against wall time, and the machine's load average.
/// </summary>
internal sealed class TailProbe : IDisposable
{
    private readonly TimeSpan _pauseBefore = GC.GetTotalPauseDuration();
    private readonly int[] _collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly Thread _sampler;
    private volatile bool _stop;
    private long _maxQueued;
    private int _maxThreads;

    public TailProbe()
    {
        _sampler = new Thread(Sample) { IsBackground = true, Name = "tail probe" };
        _sampler.Start();
    }

    public TailEvidence Finish()
    {
        _stop = true;
        _sampler.Join();
        var wall = _wall.Elapsed;
        return new TailEvidence(
            (GC.GetTotalPauseDuration() - _pauseBefore).TotalMilliseconds,
            GC.CollectionCount(0) - _collectionsBefore[0],
            GC.CollectionCount(1) - _collectionsBefore[1],
            GC.CollectionCount(2) - _collectionsBefore[2],
            Interlocked.Read(ref _maxQueued),
            _maxThreads,
            (Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore).TotalSeconds / wall.TotalSeconds,
            MachineInfo.LoadAverage());
    }

    public void Dispose()
    {
        _stop = true;
    }

    private void Sample()
    {
        while (!_stop)
        {
            var queued = ThreadPool.PendingWorkItemCount;
            if (queued > _maxQueued)
            {
                Interlocked.Exchange(ref _maxQueued, queued);
            }

            _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
            Thread.Sleep(1);
        }
    }
}

/// <summary>What <see cref="TailProbe"/> saw over one scenario.</summary>
internal sealed record TailEvidence(double GcPauseMs, int Gen0, int Gen1, int Gen2, long MaxQueuedWorkItems, int MaxPoolThreads, double CoresBusy, string LoadAverage);
