namespace EdgeAgent.People;

/// <summary>What a person signed in to the console may do; each role can do everything the one before it can.</summary>
public enum PersonRole
{
    /// <summary>Reads the floor, the queues, the KPIs and the audit chain.</summary>
    Viewer = 0,

    /// <summary>Also decides approvals, overrides, pauses, blocks and exceptions.</summary>
    Supervisor = 1,

    /// <summary>Also changes the decision-rights matrix and releases tasks and cartons.</summary>
    Admin = 2,
}
