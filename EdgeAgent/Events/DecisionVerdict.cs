namespace EdgeAgent.Events;

/// <summary>What governance did with a proposed action.</summary>
public enum DecisionVerdict
{
    /// <summary>Carried out by the agent (an automated right, confident enough).</summary>
    Executed,

    /// <summary>Waiting for a supervisor's approval.</summary>
    AwaitingApproval,

    /// <summary>Shown to a person as a recommendation only (human-only right, or automation paused).</summary>
    RecommendedOnly,
}
