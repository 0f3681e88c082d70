using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>
/// A device's numbered messages jumped: the ones in between never reached the agent's store (lost in the broker,
/// or acknowledged by it and lost with a killed agent). Raised once per gap, also across an agent restart.
/// </summary>
[FloorEventType("device.reads-missing")]
public sealed record DeviceReadsMissing : FloorEvent
{
    /// <summary>The device family whose numbering jumped: <c>scanner</c> (conveyor scanners), <c>iolink</c> (IO-Link masters).</summary>
    public required string Family { get; init; }

    /// <summary>The first sequence number that never arrived.</summary>
    public required long FirstMissing { get; init; }

    /// <summary>The last sequence number that never arrived (the one before <see cref="FloorEvent.Seq"/>, which did).</summary>
    public required long LastMissing { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Family} {DeviceId}: messages {FirstMissing}–{LastMissing} ({LastMissing - FirstMissing + 1}) never reached the agent");
}
