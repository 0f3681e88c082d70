using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A model's predictions drifted from what the floor does.</summary>
[FloorEventType("model.drift-alarm")]
public sealed record ModelDriftAlarm : FloorEvent
{
    public required string Signal { get; init; }

    public double Expected { get; init; }

    public double Observed { get; init; }

    public double Drift { get; init; }

    public double Threshold { get; init; }

    public int Samples { get; init; }

    public bool SwitchedToFallback { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Signal}: expected {Expected:0.###}, observed {Observed:0.###} over {Samples} samples{(SwitchedToFallback ? "; the rule decides until a person re-enables the models" : "")}");
}
