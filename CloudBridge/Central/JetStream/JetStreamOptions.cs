using System.ComponentModel.DataAnnotations;

namespace CloudBridge.JetStream;

/// <summary>
/// Central on a NATS JetStream cluster (<c>Ingress:Sink = jetstream</c>, section <c>Ingress:JetStream</c>): the
/// events streams, the lane ledger and audit heads (KV buckets) and the command log stream, all replicated, so any
/// ingress replica serves any gateway. Validated at start.
/// </summary>
public sealed class JetStreamOptions
{
    /// <summary>NATS server URLs, comma-separated (list every node of the cluster). Default nats://127.0.0.1:4222.</summary>
    [Required]
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>Replicas of every stream and bucket: 3 on a three-node cluster (the default), 1 on a single server.</summary>
    [Range(1, 5)]
    public int Replicas { get; set; } = 3;

    /// <summary>
    /// Events streams: gateway ids are hashed onto this many partitions, each its own stream ({Stream}_{p}) with its own
    /// leader, so more DCs spread over more streams and nodes. Fixed at install (changing it moves gateways). Default 3.
    /// </summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 3;

    /// <summary>Events stream name prefix. Default BRIDGE_EVENTS (streams BRIDGE_EVENTS_0, _1, …).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,48}$")]
    public string Stream { get; set; } = "BRIDGE_EVENTS";

    /// <summary>Subject prefix; events go to {prefix}.{partition}.{gateway}.{lane}. Default bridge.events.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$")]
    public string SubjectPrefix { get; set; } = "bridge.events";

    /// <summary>
    /// How long JetStream remembers an event id. Must cover the longest time a batch may be resent (edge outage while
    /// a batch was unacknowledged). Default 24 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Retention of events: older ones are removed, so every consumer must read within it. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Bytes per events partition, or -1 for no limit (default). When full the stream refuses new events (discard new):
    /// central stops acking and gateways keep their backlog, never an acknowledged event dropped.
    /// </summary>
    [Range(-1, long.MaxValue)]
    public long MaxBytesPerPartition { get; set; } = -1;

    /// <summary>
    /// Largest JetStream message the sink publishes: a lane's batch is stored as one message (<c>StoredEvents</c>) when it
    /// fits, else as several in order. Capped by the server's <c>max_payload</c> (1 MiB unless configured). Default 1 MiB.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>KV bucket of the lane ledger (per gateway and lane: the high-water mark). Default BRIDGE_LEDGER.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string LedgerBucket { get; set; } = "BRIDGE_LEDGER";

    /// <summary>KV bucket of the verified audit-chain head per gateway. Default BRIDGE_AUDIT.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string AuditBucket { get; set; } = "BRIDGE_AUDIT";

    /// <summary>Stream of the downlink command logs, subject {CommandSubjectPrefix}.{gateway}. Default BRIDGE_COMMANDS.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string CommandStream { get; set; } = "BRIDGE_COMMANDS";

    [Required]
    [RegularExpression("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$")]
    public string CommandSubjectPrefix { get; set; } = "bridge.commands";

    /// <summary>How long an append-command id is recognised as a retry. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan CommandDuplicateWindow { get; set; } = TimeSpan.FromDays(7);
}
