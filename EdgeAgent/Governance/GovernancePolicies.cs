namespace EdgeAgent.Governance;

/// <summary>The authorization policies every endpoint uses; a session cookie and a bearer token both satisfy them.</summary>
public static class GovernancePolicies
{
    /// <summary>Anyone signed in: a viewer, a supervisor or an admin (every read).</summary>
    public const string Viewer = "viewer";

    /// <summary>A supervisor or an admin.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>An admin only.</summary>
    public const string Admin = "admin";

    /// <summary>Releasing tasks and cartons: an admin or an integration token.</summary>
    public const string Release = "integration-or-admin";
}
