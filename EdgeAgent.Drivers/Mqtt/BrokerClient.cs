namespace EdgeAgent.Drivers.Mqtt;

/// <summary>A device allowed on the embedded broker: its kind (topic level) and its hashed password.</summary>
public sealed class BrokerClient
{
    /// <summary>The device kind in its topics, e.g. <c>handheld</c>, <c>scanner</c>, <c>printer</c>, <c>iolink</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>See <see cref="Mqtt.PasswordHash"/>; the clear password is never configured.</summary>
    public string PasswordHash { get; set; } = "";
}
