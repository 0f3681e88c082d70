namespace EdgeAgent.Models.Rebalancing;

/// <summary>The mutable tally behind <see cref="RebalanceCounters"/>.</summary>
internal sealed class RunCounters
{
    public int PickRows { get; set; }

    public int RiskRows { get; set; }

    public int Candidates { get; set; }

    public int CacheHits { get; set; }

    public int StaleUsed { get; set; }

    public int Unlocatable { get; set; }

    public int StaleBudget { get; set; }

    public void Reset()
    {
        PickRows = RiskRows = Candidates = CacheHits = StaleUsed = Unlocatable = StaleBudget = 0;
    }

    public RebalanceCounters ToRecord() => new()
    {
        PickRowsScored = PickRows,
        RiskRowsScored = RiskRows,
        CandidatesConsidered = Candidates,
        CacheHits = CacheHits,
        StaleRowsUsed = StaleUsed,
        UnlocatableTasks = Unlocatable,
    };
}
