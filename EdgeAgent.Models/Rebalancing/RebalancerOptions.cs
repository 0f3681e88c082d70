using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>How far ahead to plan, how long a rebalance may take, and the weights of the objective (see README.md).</summary>
public sealed record RebalancerOptions
{
    /// <summary>Tasks planned ahead per picker unless the picker says otherwise.</summary>
    [Range(1, 50)]
    public int Horizon { get; init; } = 3;

    /// <summary>Past this the rule plan is returned instead. Default 10 ms.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Nearest eligible tasks (by walking distance) kept as candidates per picker position.</summary>
    [Range(1, 1000)]
    public int NearestCandidates { get; init; } = 24;

    /// <summary>Nearest candidates weighed for the provisional later steps of the horizon (the first step weighs all).</summary>
    [Range(1, 1000)]
    public int LaterStepNearest { get; init; } = 12;

    /// <summary>
    /// Keep a picker's later steps from the last plan while its earlier steps and those tasks are unchanged
    /// and still free, instead of re-planning them every trigger. Faster; a warm plan's later steps may then
    /// differ from what a cold rebalance would choose (its first steps never do).
    /// </summary>
    public bool KeepLaterSteps { get; init; } = true;

    /// <summary>Highest-exposure eligible tasks added to every picker's candidates, so urgent far work is seen.</summary>
    [Range(0, 1000)]
    public int UrgentCandidates { get; init; } = 8;

    /// <summary>
    /// How many of the most exposed free tasks look for pickers each round, as a multiple of the pickers
    /// being planned: each becomes a candidate of its <see cref="PickersPerUrgentTask"/> nearest eligible pickers.
    /// </summary>
    [Range(0, 100)]
    public double UrgentPoolFactor { get; init; } = 1.5;

    /// <summary>
    /// Seconds of exposure below the urgent pool's last task within which more tasks still join the pool:
    /// a tier of near-equal exposures is weighed whole, since the walk then decides between its tasks.
    /// </summary>
    [Range(0, 100_000)]
    public double UrgentBandSeconds { get; init; } = 120;

    /// <summary>Most tasks the urgent pool and its band may hold, as a multiple of the pickers being planned.</summary>
    [Range(0, 100)]
    public double UrgentBandCap { get; init; } = 2;

    /// <summary>Nearest eligible pickers each task of the urgent pool is offered to.</summary>
    [Range(0, 1000)]
    public int PickersPerUrgentTask { get; init; } = 8;

    /// <summary>Seconds of penalty for leaving a task of a certain-to-be-late priority-weight-1 order unplanned.</summary>
    public double LatePenaltySeconds { get; init; } = 600;

    /// <summary>Weight of priorities 1 (index 0) to 5 (index 4) in the lateness penalty.</summary>
    public IReadOnlyList<double> PriorityWeights { get; init; } = [4.0, 2.0, 1.0, 0.5, 0.25];

    /// <summary>Rows re-scored per rebalance whose cached score went stale only because time passed or pickers moved.</summary>
    [Range(0, 100_000)]
    public int StaleRefreshBudget { get; init; } = 128;

    /// <summary>
    /// Orders whose cached late risk went stale only with the clock or the backlog, re-scored per rebalance,
    /// oldest first; null = <see cref="StaleRefreshBudget"/>. Late risk drives exposure, which late in a
    /// shift outweighs walking seconds, and one row per order is cheap, so this budget can be larger.
    /// </summary>
    [Range(0, 100_000)]
    public int? RiskRefreshBudget { get; init; } = 512;

    /// <summary>
    /// Kept for configuration compatibility and ignored: each round's assignment is now exact over its
    /// candidates (shortest augmenting paths), so there is no greedy result left to improve.
    /// </summary>
    [Range(0, 100)]
    public int ImprovementPasses { get; init; } = 2;

    /// <summary>Candidates listed beside each decision so it can be explained.</summary>
    [Range(0, 20)]
    public int ExplainedCandidates { get; init; } = 3;

    /// <summary>Cost margin (seconds) at which a decision's confidence is about 73 % (logistic scale).</summary>
    public double ConfidenceScaleSeconds { get; init; } = 30;

    /// <summary>Cut-offs within the same bucket count as equal for the rule, which then takes the nearest.</summary>
    public TimeSpan RuleCutOffBucket { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Confidence stated for rule decisions (no model backs them).</summary>
    public double RuleConfidence { get; init; } = 0.5;

    /// <summary>Planning estimate of walking speed, for the rule's and the late-risk features' time estimates.</summary>
    public double WalkMetresPerSecond { get; init; } = 1.2;

    /// <summary>Planning estimate: seconds per line (scan, confirm) beside walking.</summary>
    public double SecondsPerLine { get; init; } = 8;

    /// <summary>Planning estimate: seconds per unit picked.</summary>
    public double SecondsPerUnit { get; init; } = 6;

    internal double PriorityWeight(int priority) =>
        PriorityWeights[Math.Clamp(priority, 1, PriorityWeights.Count) - 1];
}
