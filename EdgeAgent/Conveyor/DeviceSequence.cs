namespace EdgeAgent.Conveyor;

/// <summary>The last numbered message the store holds the effect of, per device: what survives an agent restart.</summary>
public sealed class DeviceSequence
{
    /// <summary><c>{family}/{deviceId}</c>, e.g. <c>scanner/sc-1</c>, <c>iolink/io-1</c>.</summary>
    public string Id { get; set; } = "";

    public long LastSeq { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Gaps reported for this device so far.</summary>
    public long Gaps { get; set; }

    /// <summary>Times the device started numbering again from below its last number (a reboot).</summary>
    public long Restarts { get; set; }
}
