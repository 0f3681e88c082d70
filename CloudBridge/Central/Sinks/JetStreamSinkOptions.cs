using System.ComponentModel.DataAnnotations;

namespace CloudBridge.Sinks;

/// <summary>Where and how the JetStream sink stores uplink events.</summary>
public sealed class JetStreamSinkOptions
{
    /// <summary>NATS server URL. Default nats://127.0.0.1:4222.</summary>
    [Required]
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>Stream name. Default BRIDGE_EVENTS.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Stream { get; set; } = "BRIDGE_EVENTS";

    /// <summary>Subject prefix; events go to {prefix}.{gateway}.{lane}. Default bridge.events.</summary>
    [Required]
    public string SubjectPrefix { get; set; } = "bridge.events";

    /// <summary>
    /// How long JetStream remembers an event id. Must cover the longest edge outage during which a batch may be
    /// resent. Default 24 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Publishes awaited together per batch. Default 256.</summary>
    [Range(1, 4096)]
    public int MaxPublishesInFlight { get; set; } = 256;
}
