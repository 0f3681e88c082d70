namespace EdgeAgent.Models.Rebalancing;

/// <summary>How much work a rebalance did; the incremental path shows up as few rows scored and many cache hits.</summary>
public sealed record RebalanceCounters
{
    public int PickRowsScored { get; init; }

    public int RiskRowsScored { get; init; }

    public int CandidatesConsidered { get; init; }

    public int CacheHits { get; init; }

    /// <summary>Cached rows used although stale, because the refresh budget ran out.</summary>
    public int StaleRowsUsed { get; init; }

    /// <summary>Open tasks whose location did not parse; they are never planned.</summary>
    public int UnlocatableTasks { get; init; }
}
