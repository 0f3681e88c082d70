using System.Globalization;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>The Mosquitto knobs this peer sets, rendered into the two brokers' configuration files and into the results.</summary>
internal sealed record MosquittoSettings
{
    /// <summary>Seconds between persistence snapshots (Mosquitto's default is 1800); nothing is fsynced per message.</summary>
    public int AutosaveIntervalSeconds { get; init; } = 30;

    /// <summary>QoS 1 messages in flight per client, the bridge included (Mosquitto's default is 20).</summary>
    public int MaxInflightMessages { get; init; } = 20;

    /// <summary>Bridge reconnect backoff base and cap in seconds; the default (5, 30) would dominate the drain time, and 2.0.11 ignores a single constant value.</summary>
    public (int Base, int Cap) RestartTimeoutSeconds { get; init; } = (1, 2);

    public string Edge(int port, int centralPort, string persistenceDirectory) => Common(port, persistenceDirectory) + string.Create(CultureInfo.InvariantCulture, $"""

        connection central
        address 127.0.0.1:{centralPort}
        topic dc/# out 1
        cleansession false
        clientid edge-bridge
        bridge_protocol_version mqttv311
        try_private false
        notifications false
        restart_timeout {RestartTimeoutSeconds.Base} {RestartTimeoutSeconds.Cap}
        keepalive_interval 60

        """);

    public string Central(int port, string persistenceDirectory) => Common(port, persistenceDirectory);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"""
        `persistence true` (snapshot every {AutosaveIntervalSeconds} s and at a clean stop), `max_queued_messages 0`, `max_queued_bytes 0`, `set_tcp_nodelay true`, `max_inflight_messages {MaxInflightMessages}`; bridge `topic dc/# out 1`, `cleansession false`, MQTT 3.1.1, `restart_timeout {RestartTimeoutSeconds.Base} {RestartTimeoutSeconds.Cap}`
        """);

    // Started as root, Mosquitto drops to user "mosquitto" and then cannot write its snapshot into our directory;
    // naming the current user keeps it able to (and is ignored when not started as root).
    private string Common(int port, string persistenceDirectory) => string.Create(CultureInfo.InvariantCulture, $"""
        listener {port} 127.0.0.1
        user {Environment.UserName}
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
        log_type information
        log_timestamp_format %H:%M:%S

        """);
}
