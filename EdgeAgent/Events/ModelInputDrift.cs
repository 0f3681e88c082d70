using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A feature of the requests a model scores moved away from its training distribution (PSI past the threshold).</summary>
[FloorEventType("model.input-drift")]
public sealed record ModelInputDrift : FloorEvent
{
    public required string ModelName { get; init; }

    public required string ModelVersion { get; init; }

    public required string Feature { get; init; }

    public double Psi { get; init; }

    public double Threshold { get; init; }

    public int Samples { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"input drift on {ModelName} {ModelVersion}: {Feature} PSI {Psi:0.###} past {Threshold:0.###} over {Samples} rows");
}
