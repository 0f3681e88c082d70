using System.Globalization;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>The Mosquitto knobs this peer sets, rendered into the two brokers' configuration files and into the results.</summary>
internal sealed record MosquittoSettings
{
    /// <summary>Seconds between persistence snapshots (Mosquitto's default is 1800); nothing is fsynced per message.</summary>
    public int AutosaveIntervalSeconds { get; init; } = 30;

    /// <summary>QoS 1 messages in flight per client, the bridge included (Mosquitto's default is 20).</summary>
    public int MaxInflightMessages { get; init; } = 20;

    /// <summary>Constant bridge reconnect delay; the default is a 5–30 s jittered backoff, which would dominate the drain time.</summary>
    public int RestartTimeoutSeconds { get; init; } = 1;

    public string Edge(int port, int centralPort, string persistenceDirectory) => Common(port, persistenceDirectory) + string.Create(CultureInfo.InvariantCulture, $"""

        connection central
        address 127.0.0.1:{centralPort}
        topic dc/# out 1
        cleansession false
        clientid edge-bridge
        bridge_protocol_version mqttv311
        try_private false
        notifications false
        restart_timeout {RestartTimeoutSeconds}
        keepalive_interval 60

        """);

    public string Central(int port, string persistenceDirectory) => Common(port, persistenceDirectory);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"""
        `persistence true` (snapshot every {AutosaveIntervalSeconds} s and at a clean stop), `max_queued_messages 0`, `max_queued_bytes 0`, `set_tcp_nodelay true`, `max_inflight_messages {MaxInflightMessages}`; bridge `topic dc/# out 1`, `cleansession false`, MQTT 3.1.1, `restart_timeout {RestartTimeoutSeconds}`
        """);

    private string Common(int port, string persistenceDirectory) => string.Create(CultureInfo.InvariantCulture, $"""
        listener {port} 127.0.0.1
        allow_anonymous true
        persistence true
        persistence_location {persistenceDirectory}/
        autosave_interval {AutosaveIntervalSeconds}
        max_queued_messages 0
        max_queued_bytes 0
        max_inflight_messages {MaxInflightMessages}
        set_tcp_nodelay true
        log_dest stderr
        log_type error
        log_type warning
        log_type notice

        """);
}
