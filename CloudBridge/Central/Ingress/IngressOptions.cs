using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CloudBridge.Ingress;

/// <summary>The central ingress: where it listens, who may connect, what it accepts, where it stores.</summary>
public sealed class IngressOptions : IValidatableObject
{
    /// <summary>Directory of the file sink and the command logs.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data/ingress";

    /// <summary>Listen address. Default 127.0.0.1; anything else requires TLS.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Port; 0 picks a free one. Default 5090.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5090;

    /// <summary>PEM certificate and key of the ingress; enables TLS.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificateKeyPath { get; set; }

    /// <summary>Ask gateways for a client certificate (mutual TLS).</summary>
    public bool RequestClientCertificate { get; set; }

    /// <summary>Gateways allowed to connect, by id.</summary>
    public IDictionary<string, GatewayCredential> Gateways { get; } = new Dictionary<string, GatewayCredential>(StringComparer.Ordinal);

    /// <summary>Bearer token of the command-append / read API used by the ERP; no token disables that API.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// "file" (embedded default, one site: events, ledger, command log and audit heads on this process's disk) or
    /// "jetstream" (stateless replicas: all of it in the JetStream cluster of section <c>Ingress:JetStream</c>).
    /// </summary>
    [Required]
    [RegularExpression("^(file|jetstream)$")]
    public string Sink { get; set; } = "file";

    /// <summary>The lane whose audit records central checks as a hash chain. Default "audit".</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]{0,31}$")]
    public string AuditLane { get; set; } = "audit";

    /// <summary>Most events in one uplink batch. Default 5,000.</summary>
    [Range(1, 100_000)]
    public int MaxBatchEvents { get; set; } = 5_000;

    /// <summary>Largest payload of one event. Default 256 KiB.</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>Largest gRPC message. Default 16 MiB.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    public bool UsesTls => !string.IsNullOrEmpty(CertificatePath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(ListenAddress, out var address))
        {
            yield return new ValidationResult($"ListenAddress '{ListenAddress}' is not an IP address.", [nameof(ListenAddress)]);
        }
        else if (!UsesTls && !IPAddress.IsLoopback(address))
        {
            yield return new ValidationResult("Plaintext is allowed on loopback only: set CertificatePath to listen on " + ListenAddress + ".", [nameof(ListenAddress)]);
        }

        if (RequestClientCertificate && !UsesTls)
        {
            yield return new ValidationResult("Mutual TLS needs CertificatePath.", [nameof(RequestClientCertificate)]);
        }
    }
}
