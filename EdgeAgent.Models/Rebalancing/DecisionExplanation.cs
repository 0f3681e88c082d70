using System.Globalization;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Why a task was planned where it was: the chosen cost's parts, how many candidates were weighed, and the
/// cheapest alternatives with their costs (and who took them). A rule decision carries its rule instead.
/// </summary>
public sealed record DecisionExplanation
{
    public double PredictedSeconds { get; init; }

    public double Exposure { get; init; }

    public int CandidatesWeighed { get; init; }

    /// <summary>The rule's reason, for a rule decision; null for a model decision.</summary>
    public string? Rule { get; init; }

    public IReadOnlyList<CandidateCost> Alternatives { get; init; } = [];

    /// <summary>The cheapest alternative not chosen, if any was weighed.</summary>
    public CandidateCost? RunnerUp => Alternatives.Count > 0 ? Alternatives[0] : null;

    /// <summary>The decision in one line, for the audit record and the supervisor page.</summary>
    public string Basis => Rule ?? string.Create(CultureInfo.InvariantCulture,
        $"cost {PredictedSeconds - Exposure:F1} s = {PredictedSeconds:F1} s predicted − {Exposure:F1} s exposure; best of {CandidatesWeighed} candidates{RunnerUpText()}");

    private string RunnerUpText() => RunnerUp is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"; runner-up {r.TaskId} at {r.Cost:F1} s{(r.TakenBy is null ? string.Empty : " (went to " + r.TakenBy + ")")}")
        : string.Empty;
}
