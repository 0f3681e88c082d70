namespace EdgeAgent.Drivers.Mqtt;

/// <summary>What a <see cref="DeviceConnection"/> connects to and listens on; <see cref="Name"/> names it in logs ("Handheld gateway").</summary>
internal sealed record DeviceConnectionSettings(
    string Name,
    string Site,
    string TopicFilter,
    MqttConnectionOptions Connection,
    TimeSpan ReconnectDelay,
    TimeSpan MaxReconnectDelay);
