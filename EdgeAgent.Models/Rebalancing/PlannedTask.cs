namespace EdgeAgent.Models.Rebalancing;

/// <summary>One step of a picker's plan.</summary>
public sealed record PlannedTask
{
    public required string TaskId { get; init; }

    /// <summary>Travel from the previous step plus the pick, in seconds.</summary>
    public required double PredictedSeconds { get; init; }

    /// <summary>Seconds from now until this step is done (the task in hand's remainder included).</summary>
    public required double CompletesAfterSeconds { get; init; }

    /// <summary>The order's probability of missing its cut-off; null when no late-risk model decided (rule plan).</summary>
    public float? LateRisk { get; init; }

    /// <summary>The lateness penalty this step retires: weight(priority) × late risk × penalty seconds.</summary>
    public double Exposure { get; init; }

    /// <summary>In [0, 1]: 0.5 means a tie with the best alternative, near 1 a clear choice.</summary>
    public required double Confidence { get; init; }

    public required DecisionExplanation Explanation { get; init; }
}
