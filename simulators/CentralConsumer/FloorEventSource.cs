using System.ComponentModel.DataAnnotations;

namespace CentralConsumer;

/// <summary>Where central's JetStream keeps the gateways' events: the names of central's <c>Ingress:JetStream</c> section.</summary>
public sealed class FloorEventSource
{
    /// <summary>NATS URLs of the cluster, comma-separated.</summary>
    [Required]
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>Central's events stream prefix (streams {Stream}_0 … {Stream}_{Partitions-1}).</summary>
    [Required]
    public string Stream { get; set; } = "BRIDGE_EVENTS";

    [Range(1, 1024)]
    public int Partitions { get; set; } = 3;

    [Required]
    public string SubjectPrefix { get; set; } = "bridge.events";

    /// <summary>One gateway, or "*" for every gateway.</summary>
    [Required]
    public string Gateway { get; set; } = "*";

    [Required]
    public string Lane { get; set; } = "business";

    /// <summary>The subject filter for <see cref="Gateway"/> and <see cref="Lane"/> in one partition (a filter must lie within its stream's subjects).</summary>
    public string FilterSubjectOf(int partition) => $"{SubjectPrefix}.{partition}.{Gateway}.{Lane}";
}
