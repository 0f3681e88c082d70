namespace EdgeAgent.Simulators.Scanners;

/// <summary>Where a simulated conveyor scanner connects and who it is.</summary>
public sealed class ConveyorScannerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string Site { get; set; } = "site1";

    /// <summary>The device id; also the MQTT client id.</summary>
    public required string DeviceId { get; set; }

    /// <summary>The scanner's broker password; its user name is its id. Null connects anonymously.</summary>
    public string? Password { get; set; }
}
