namespace EdgeAgent.Planning;

/// <summary>One model update sent by central, from its first chunk to its verdict; kept in the store.</summary>
public sealed class ModelUpdateRecord
{
    public const string Collection = "model_updates";

    public string Id { get; set; } = "";

    public string ModelName { get; set; } = "";

    public int Chunks { get; set; }

    public int Received { get; set; }

    public long Bytes { get; set; }

    /// <summary>The manifest as sent (chunk 0).</summary>
    public string? Manifest { get; set; }

    /// <summary>The command whose chunk arrived last: a refusal is the result of that command.</summary>
    public string LastCommandId { get; set; } = "";

    public ModelUpdateState State { get; set; }

    public string? Version { get; set; }

    /// <summary>Where the verified model lives under the data directory.</summary>
    public string? Directory { get; set; }

    public string? Detail { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When its shadow trial began (the period counts from here, across restarts).</summary>
    public DateTime? ShadowStartedAt { get; set; }

    /// <summary>The shadow trial's outcomes so far; null before the first.</summary>
    public ShadowTally? ShadowTally { get; set; }
}
