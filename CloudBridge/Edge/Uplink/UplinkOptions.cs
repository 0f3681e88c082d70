using System.ComponentModel.DataAnnotations;

namespace CloudBridge.Uplink;

/// <summary>How the edge reaches central: address, identity, batching and reconnect behaviour.</summary>
public sealed class UplinkOptions : IValidatableObject
{
    /// <summary>Central ingress, e.g. https://central.example:5443 (http:// is for loopback only).</summary>
    [Required]
    [Url]
    public string Address { get; set; } = "";

    /// <summary>
    /// Further ingress replicas (same form as <see cref="Address"/>): when a stream cannot be opened, the uplink tries
    /// the next address in the list (<see cref="Address"/> first), so a gateway carries on through another replica.
    /// Only for central on JetStream, where any replica serves any gateway. Default none.
    /// </summary>
    public IList<string> FailoverAddresses { get; } = [];

    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string GatewayId { get; set; } = "";

    /// <summary>Per-gateway token sent as a bearer token; not needed with mutual TLS.</summary>
    public string? Token { get; set; }

    /// <summary>PEM file of the CA that signed central's certificate; default: the system trust store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM certificate and key of this gateway for mutual TLS.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientKeyPath { get; set; }

    /// <summary>gzip the uplink batches. Default false (payloads are small and often compressed already).</summary>
    public bool Compress { get; set; }

    /// <summary>Events per batch. Default 500.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches sent but not yet acknowledged. Default 8.</summary>
    [Range(1, 256)]
    public int MaxInFlightBatches { get; set; } = 8;

    /// <summary>
    /// Batches read from the outbox ahead of the stream, so reading the next pages overlaps the gRPC write and the ack
    /// commits. With <see cref="ReadAheadBytes"/> this bounds what the sender holds in memory whatever the backlog:
    /// at most this many batches plus the one being written (a resend after a reconnect reads the store again, from
    /// each lane's acked mark, so nothing is kept for it). Default 2.
    /// </summary>
    [Range(1, 64)]
    public int ReadAheadBatches { get; set; } = 2;

    /// <summary>
    /// Bytes of events the read-ahead may hold (payload, type, ids); the next batch is read only while less is held.
    /// Default 4 MiB (a 1M-event backlog is never read in at once: with the defaults the sender holds at most
    /// 3 batches of 500 events, about 0.6 MB at 300 B each).
    /// </summary>
    [Range(16 * 1024, 1024 * 1024 * 1024)]
    public int ReadAheadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long the record of central's acks may wait for another write of the agent to ride with before it is
    /// committed on its own (it needs no fsync of its own: a mark lost in a crash only resends events central
    /// already has). Zero commits each burst of acks at once. Default 100 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan AckRecordDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time for the ingress to accept a stream. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A full window without any ack for this long abandons the stream. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the reconnect delay, kept low so a backlog drains within a second of the link returning. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the circuit stays open after repeated failures. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Fallback poll of the outbox when no append signal arrives (commits race the signal). Default 50 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Largest gRPC message either way. Default 16 MiB.</summary>
    [Range(1024 * 1024, 256 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary><see cref="Address"/> then the <see cref="FailoverAddresses"/>, in the order the uplink tries them.</summary>
    public IReadOnlyList<string> AllAddresses => [Address, .. FailoverAddresses];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var address in FailoverAddresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult($"FailoverAddresses: '{address}' is not an http(s) URL.", [nameof(FailoverAddresses)]);
            }
        }
    }
}
