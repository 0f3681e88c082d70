namespace EdgeAgent.Models.Drift;

/// <summary>Which model's predictions drifted from what the floor did.</summary>
public enum DriftSignal
{
    /// <summary>Actual pick seconds against predicted: the relative bias of their sums.</summary>
    PickDuration,

    /// <summary>Actual late share of orders against the mean predicted late probability.</summary>
    LateRisk,
}
