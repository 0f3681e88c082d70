using System.Text.Json;
using EdgeAgent.Events;

namespace EdgeAgent.Governance;

/// <summary>One outcome to apply, with who decided it and the decision it belongs to.</summary>
public sealed record GovernedExecution
{
    public required string ActionType { get; init; }

    public required JsonElement Outcome { get; init; }

    public required long DecisionSeq { get; init; }

    /// <summary><c>system</c> or the operator's name.</summary>
    public required string Actor { get; init; }

    public required DateTime At { get; init; }

    /// <summary>Records the floor events the outcome causes, in the same write, so their observers (the uplink, KPIs) see them.</summary>
    public required FloorJournal Journal { get; init; }
}
