namespace EdgeAgent.Governance;

/// <summary>The facts about an action that decision-right scopes match on.</summary>
public sealed record ScopeFacts
{
    public string? Zone { get; init; }

    public string? CustomerTier { get; init; }

    public decimal? OrderValue { get; init; }

    public bool Regulated { get; init; }
}
