namespace EdgeAgent.Governance;

/// <summary>A narrower rule inside a decision right: when every condition it names holds, its mode applies.</summary>
public sealed class DecisionScopeOptions
{
    public string? Zone { get; set; }

    public string? CustomerTier { get; set; }

    /// <summary>Matches orders worth at least this much.</summary>
    public decimal? MinOrderValue { get; set; }

    public bool? Regulated { get; set; }

    /// <summary>Automated, Assisted or HumanOnly.</summary>
    public string? Mode { get; set; }

    /// <summary>Overrides the right's threshold inside this scope.</summary>
    public double? MinConfidence { get; set; }
}
