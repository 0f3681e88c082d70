namespace EdgeAgent.Simulators.Handhelds;

/// <summary>Where a simulated handheld connects and who it is.</summary>
public sealed class HandheldClientOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string Site { get; set; } = "site1";

    /// <summary>The device id; also the MQTT client id, as the real app uses it.</summary>
    public required string DeviceId { get; set; }

    /// <summary>The device's broker password; its user name is its id. Null connects anonymously.</summary>
    public string? Password { get; set; }

    /// <summary>Connect over TLS (a broker's 8883 listener), as the real app does on a site that requires it.</summary>
    public bool Tls { get; set; }

    /// <summary>With <see cref="Tls"/>: PEM file with the CA the broker's certificate chains to; null trusts the system store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>
    /// The MQTT keep-alive the handheld asks for; the broker drops it after one and a half of these without a packet.
    /// Default 15 s (MQTTnet's). The shift scenario asks for longer: it runs a hundred handhelds per agent on a
    /// stepped clock, and a machine loaded past its cores can delay a ping that long in wall time.
    /// </summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for the prompt before sending the same message again. Default 2 s, as the real app.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(2);
}
