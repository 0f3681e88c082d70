namespace EdgeAgent.Governance;

/// <summary>Where an approval stands; only Pending can change.</summary>
public enum ApprovalStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Edited = 3,
    TimedOut = 4,
}
