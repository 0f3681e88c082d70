using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Planning;

/// <summary>
/// The models the planner plans with, as one immutable value: an update, a promotion or a rollback makes a
/// new generation and swaps the reference, so the planner never sees half a change and never waits for one.
/// </summary>
public sealed record ModelGeneration(long Number, IPickDurationModel? PickDuration, ILateRiskModel? LateRisk, ShadowCandidate? Shadow)
{
    /// <summary>The version of the model of <paramref name="name"/> now deciding, or <c>none</c>.</summary>
    public string VersionOf(string name) => IdentityOf(name)?.Version ?? "none";

    public ModelIdentity? IdentityOf(string name) =>
        name == Models.Manifest.ModelNames.PickDuration ? PickDuration?.Identity : LateRisk?.Identity;
}
