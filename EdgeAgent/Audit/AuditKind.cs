namespace EdgeAgent.Audit;

/// <summary>What an audit record is about; its name is part of the record's hash, so names never change.</summary>
public enum AuditKind
{
    /// <summary>The system decided (a gate verdict, an approval timing out).</summary>
    Decision = 0,

    /// <summary>An operator acted (approve, reject, edit, override, pause, resume, release a hold).</summary>
    HumanAction = 1,

    /// <summary>An operator changed the governance configuration (the decision-rights matrix).</summary>
    ConfigurationChange = 2,
}
