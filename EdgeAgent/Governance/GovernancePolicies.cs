namespace EdgeAgent.Governance;

/// <summary>The authorization policies of the operator endpoints.</summary>
public static class GovernancePolicies
{
    /// <summary>A supervisor or an admin.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>An admin only.</summary>
    public const string Admin = "admin";
}
