using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A photo-eye saw a carton pass.</summary>
[FloorEventType("carton.detected")]
public sealed record CartonDetected : FloorEvent
{
    public double DwellMilliseconds { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"carton at {DeviceId}, present {DwellMilliseconds:0} ms");
}
