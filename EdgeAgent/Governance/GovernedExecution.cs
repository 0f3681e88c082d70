using System.Text.Json;
using EdgeAgent.Fulfilment;

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

    /// <summary>The floor inside the same write, recording to the uplink when the bridge is configured.</summary>
    public required FloorCollections Floor { get; init; }
}
