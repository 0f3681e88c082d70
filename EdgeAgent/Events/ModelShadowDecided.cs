using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A shadowed model was promoted, or kept out because it was worse than the current one on the drift measure.</summary>
[FloorEventType("model.shadow-decided")]
public sealed record ModelShadowDecided : FloorEvent
{
    public required string UpdateId { get; init; }

    public required string ModelName { get; init; }

    public required string CurrentVersion { get; init; }

    public required string CandidateVersion { get; init; }

    public bool Promoted { get; init; }

    /// <summary>The measure both were judged on: <c>mae-seconds</c> for pick time, <c>calibration-gap</c> for late risk.</summary>
    public required string Measure { get; init; }

    public double CurrentError { get; init; }

    public double CandidateError { get; init; }

    public int Samples { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"model {ModelName} {CandidateVersion} {(Promoted ? "promoted over" : "kept out; still")} {CurrentVersion}: {Measure} {CandidateError:0.###} against {CurrentError:0.###} over {Samples} outcomes");
}
