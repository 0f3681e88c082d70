namespace EdgeAgent.Governance;

/// <summary>What a workflow proposes to the gate, with everything a supervisor or an auditor needs to judge it.</summary>
public sealed record ProposedAction
{
    /// <summary>One of <see cref="ActionTypes"/>.</summary>
    public required string ActionType { get; init; }

    public required ScopeFacts Scope { get; init; }

    /// <summary>The event that triggered the decision, e.g. <c>scan.short hh-1#42 T-7</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The inputs the method used, as JSON.</summary>
    public string Inputs { get; init; } = "{}";

    public required DecisionMethod Method { get; init; }

    /// <summary>0..1.</summary>
    public required double Confidence { get; init; }

    /// <summary>True when a rule decided because the model failed, timed out or was unsure.</summary>
    public bool Fallback { get; init; }

    /// <summary>The recommended outcome as a JSON object, in the shape the action's executor accepts.</summary>
    public required string Outcome { get; init; }

    /// <summary>The recommendation in words for the supervisor.</summary>
    public required string Summary { get; init; }

    public IReadOnlyList<AlternativeOutcome> Alternatives { get; init; } = [];

    public IReadOnlyList<string> AffectedOrders { get; init; } = [];

    public IReadOnlyList<string> AffectedCustomers { get; init; } = [];
}
