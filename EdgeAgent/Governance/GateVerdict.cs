namespace EdgeAgent.Governance;

/// <summary>The gate's answer for one proposed action, with the audit record that documents it.</summary>
public sealed record GateVerdict
{
    public required VerdictKind Kind { get; init; }

    /// <summary>The decision's audit sequence number: the id to override it by, and its approval's id.</summary>
    public required long DecisionSeq { get; init; }

    public required AppliedRight Right { get; init; }

    /// <summary>An automated right demoted to assisted because the confidence was under its threshold.</summary>
    public bool LowConfidence { get; init; }

    /// <summary>Automation was paused for the action's zone or type.</summary>
    public bool Paused { get; init; }

    /// <summary>When the queued approval times out (AwaitApproval only).</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>What the executor did, when the verdict was executed through <see cref="GovernanceGate.DecideAndExecute"/>.</summary>
    public string? Executed { get; init; }
}
