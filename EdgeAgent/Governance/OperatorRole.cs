namespace EdgeAgent.Governance;

/// <summary>What an operator may do: a supervisor decides approvals, overrides and pauses; an admin also changes the matrix.</summary>
public enum OperatorRole
{
    Supervisor = 0,
    Admin = 1,
}
