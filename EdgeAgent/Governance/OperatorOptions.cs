namespace EdgeAgent.Governance;

/// <summary>An operator who may act through the API (<c>Governance:Operators:&lt;name&gt;</c>); the name is the audit actor.</summary>
public sealed class OperatorOptions
{
    /// <summary>Supervisor or Admin.</summary>
    public string? Role { get; set; }

    /// <summary>PBKDF2 hash of the operator's bearer token; make one with <c>EdgeAgent hash-password</c>.</summary>
    public string? TokenHash { get; set; }
}
