namespace EdgeAgent.Governance;

/// <summary>A validated scope of a decision right.</summary>
public sealed record DecisionScope
{
    public string? Zone { get; init; }

    public string? CustomerTier { get; init; }

    public decimal? MinOrderValue { get; init; }

    public bool? Regulated { get; init; }

    public required DecisionMode Mode { get; init; }

    public double? MinConfidence { get; init; }

    /// <summary>How many conditions the scope names: more is more specific.</summary>
    public int Specificity =>
        (Zone is null ? 0 : 1) + (CustomerTier is null ? 0 : 1) + (MinOrderValue is null ? 0 : 1) + (Regulated is null ? 0 : 1);

    public bool Matches(ScopeFacts facts) =>
        (Zone is null || string.Equals(Zone, facts.Zone, StringComparison.OrdinalIgnoreCase))
        && (CustomerTier is null || string.Equals(CustomerTier, facts.CustomerTier, StringComparison.OrdinalIgnoreCase))
        && (MinOrderValue is null || facts.OrderValue >= MinOrderValue)
        && (Regulated is null || facts.Regulated == Regulated);

    /// <summary>The conditions in words, for the audit record: <c>Zone=A,Regulated=true</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>(4);
        if (Zone is not null)
        {
            parts.Add($"Zone={Zone}");
        }

        if (CustomerTier is not null)
        {
            parts.Add($"CustomerTier={CustomerTier}");
        }

        if (MinOrderValue is { } value)
        {
            parts.Add(FormattableString.Invariant($"MinOrderValue={value}"));
        }

        if (Regulated is { } regulated)
        {
            parts.Add(regulated ? "Regulated=true" : "Regulated=false");
        }

        return string.Join(',', parts);
    }
}
