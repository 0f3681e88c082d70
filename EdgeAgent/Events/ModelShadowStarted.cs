using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A model update passed its checks and now predicts in shadow beside the current model, deciding nothing.</summary>
[FloorEventType("model.shadow-started")]
public sealed record ModelShadowStarted : FloorEvent
{
    public required string UpdateId { get; init; }

    public required string ModelName { get; init; }

    public required string CurrentVersion { get; init; }

    public required string CandidateVersion { get; init; }

    public required string CandidateSha256 { get; init; }

    /// <summary>Outcomes the shadow waits for before it decides.</summary>
    public int Samples { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"model {ModelName} {CandidateVersion} in shadow beside {CurrentVersion} for {Samples} outcomes");
}
