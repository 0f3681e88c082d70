namespace EdgeAgent.Models.Rebalancing;

/// <summary>Why the rule planned instead of the models.</summary>
public enum FallbackReason
{
    None,
    DeadlineExceeded,
    ModelFailed,
    NoModelLoaded,
    DriftLatched,
}
