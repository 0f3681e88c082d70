using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Planning;

/// <summary>
/// A verified model update that predicts beside the current model on live requests and decides nothing.
/// <paramref name="Tally"/> is what its trial had counted when the agent last stopped (empty for a new trial).
/// </summary>
public sealed record ShadowCandidate(
    string UpdateId, string ModelName, ModelIdentity Identity, IPickDurationModel? PickDuration, ILateRiskModel? LateRisk, string Directory, DateTimeOffset StartedAt,
    ShadowTally? Tally = null);

/// <summary>
/// The outcomes a shadow trial has scored so far: kept in the update's record as they grow, so a restart in the
/// middle of a trial carries on from them instead of starting the count (and the period) again.
/// </summary>
public sealed record ShadowTally
{
    public int Samples { get; init; }

    /// <summary>Pick time: summed absolute errors; late risk: summed probabilities, of the current model.</summary>
    public double CurrentSum { get; init; }

    /// <summary>The same for the candidate.</summary>
    public double CandidateSum { get; init; }

    /// <summary>Late risk only: how many of the scored orders were late.</summary>
    public double LateSum { get; init; }
}
