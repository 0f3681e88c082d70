namespace EdgeAgent.Bench;

/// <summary>How long to measure, and where on disk (fsync numbers mean nothing on tmpfs).</summary>
internal sealed record BenchSettings(bool Quick, string WorkDirectory)
{
    public int Repetitions => Quick ? 3 : 7;
}
