namespace EdgeAgent.Events;

/// <summary>How a decision waiting for a supervisor ended.</summary>
public enum ApprovalOutcome
{
    Approved,
    Rejected,
    Edited,
    TimedOut,
}
