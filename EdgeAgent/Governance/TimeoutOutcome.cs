namespace EdgeAgent.Governance;

/// <summary>What an approval nobody decided in time becomes.</summary>
public enum TimeoutOutcome
{
    /// <summary>The safe default: the recommendation is dropped, the floor carries on as it was.</summary>
    Reject = 0,

    /// <summary>The recommendation is executed as if approved (for actions where doing nothing is worse).</summary>
    Approve = 1,
}
