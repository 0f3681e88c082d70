namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>What one Mosquitto bridge drain measured; the drain rate counts distinct messages from central's start until the last one arrived.</summary>
internal sealed record MosquittoDrainResult
{
    public required int Sent { get; init; }

    public required long Acked { get; init; }

    public required double FillPerSecond { get; init; }

    public required TimeSpan FirstMessage { get; init; }

    public required TimeSpan Drain { get; init; }

    public required long Received { get; init; }

    public required long Duplicates { get; init; }

    public required long Distinct { get; init; }

    public required MosquittoSettings Settings { get; init; }

    public long Missing => Sent - Distinct;

    public double DrainPerSecond => Distinct / Drain.TotalSeconds;

    /// <summary>The rate from the first message to the last, without central's start and the bridge's reconnect delay.</summary>
    public double FlowingPerSecond => Distinct / (Drain - FirstMessage).TotalSeconds;
}
