namespace EdgeAgent.Models.Rebalancing;

/// <summary>Why a task was planned where it was: the basis in words and the cheapest alternatives with their costs.</summary>
public sealed record DecisionExplanation(string Basis, IReadOnlyList<CandidateCost> Alternatives)
{
    /// <summary>The cheapest alternative not chosen, if any was weighed.</summary>
    public CandidateCost? RunnerUp => Alternatives.Count > 0 ? Alternatives[0] : null;
}
