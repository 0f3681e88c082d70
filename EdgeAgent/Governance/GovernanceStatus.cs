namespace EdgeAgent.Governance;

/// <summary>How an operator's request ended: maps to 200, 404, 409 and 400.</summary>
public enum GovernanceStatus
{
    Ok = 0,
    NotFound = 1,
    Conflict = 2,
    Invalid = 3,
}
