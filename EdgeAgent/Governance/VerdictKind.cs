namespace EdgeAgent.Governance;

/// <summary>What the gate lets happen to a proposed action.</summary>
public enum VerdictKind
{
    /// <summary>Automated: the caller (or the executor) applies it now.</summary>
    Execute = 0,

    /// <summary>Assisted: an approval is queued; nothing happens until a supervisor decides or it times out.</summary>
    AwaitApproval = 1,

    /// <summary>Human-only, or automation paused: the recommendation is shown, a person acts.</summary>
    RecommendOnly = 2,
}
