namespace EdgeAgent.Governance;

/// <summary>One row of the decision-rights matrix as configured (<c>Governance:Rights:&lt;action type&gt;</c>) or sent by an admin.</summary>
public sealed class DecisionRightOptions
{
    /// <summary>Automated, Assisted or HumanOnly.</summary>
    public string? Mode { get; set; }

    /// <summary>0..1; an automated decision less confident than this needs a supervisor's approval.</summary>
    public double? MinConfidence { get; set; }

    /// <summary>How long an approval waits for a supervisor (default 15 minutes).</summary>
    public TimeSpan? ApprovalTimeout { get; set; }

    /// <summary>Reject (default) or Approve: what an approval nobody decided becomes.</summary>
    public string? OnTimeout { get; set; }

    public List<DecisionScopeOptions> Scopes { get; set; } = [];
}
