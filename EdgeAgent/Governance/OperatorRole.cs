namespace EdgeAgent.Governance;

/// <summary>
/// What a bearer-token operator may do: a viewer reads; a supervisor also decides approvals, overrides and pauses; an
/// admin also changes the matrix and releases work; an integration (the ERP, a script) only releases tasks and cartons.
/// </summary>
public enum OperatorRole
{
    Supervisor = 0,
    Admin = 1,
    Viewer = 2,
    Integration = 3,
}
