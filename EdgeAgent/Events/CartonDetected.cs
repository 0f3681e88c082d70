using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A photo-eye saw a carton pass: a sensor sample (telemetry); the carton's business facts are its scan and label.</summary>
[FloorEventType("carton.detected", Telemetry = true)]
public sealed record CartonDetected : FloorEvent
{
    public double DwellMilliseconds { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"carton at {DeviceId}, present {DwellMilliseconds:0} ms");
}
