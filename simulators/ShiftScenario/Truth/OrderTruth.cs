namespace EdgeAgent.ShiftScenario.Truth;

/// <summary>One customer order: when it reaches the floor, its tier and carrier, its real cut-off and its lines.</summary>
public sealed record OrderTruth
{
    public required string Id { get; init; }

    public required string Tier { get; init; }

    public required int Priority { get; init; }

    public required string Carrier { get; init; }

    /// <summary>Offset from shift start at which the order is released to the floor (zero for the opening backlog).</summary>
    public required TimeSpan ReleaseAt { get; init; }

    /// <summary>The cut-off the agent is told at release.</summary>
    public required TimeSpan CutOff { get; init; }

    /// <summary>The cut-off the truck really keeps (earlier when the carrier moved it).</summary>
    public required TimeSpan RealCutOff { get; init; }

    public required IReadOnlyList<LineTruth> Lines { get; init; }

    /// <summary>Part of a priority rush rather than the regular stream.</summary>
    public bool Rush { get; init; }
}

/// <summary>One order line, which the agent sees as one pick task.</summary>
public sealed record LineTruth(string TaskId, int Aisle, int Bay, int Level, string Sku, int Qty, string Handling, string? Skill)
{
    public string Location => $"{(char)('A' + Aisle)}-{Bay:00}-{Level}";

    public string AisleName => ((char)('A' + Aisle)).ToString();
}
