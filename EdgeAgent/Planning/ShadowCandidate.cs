using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Planning;

/// <summary>A verified model update that predicts beside the current model on live requests and decides nothing.</summary>
public sealed record ShadowCandidate(
    string UpdateId, string ModelName, ModelIdentity Identity, IPickDurationModel? PickDuration, ILateRiskModel? LateRisk, string Directory, DateTimeOffset StartedAt);
