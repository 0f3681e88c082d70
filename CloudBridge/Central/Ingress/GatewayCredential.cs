namespace CloudBridge.Ingress;

/// <summary>How one gateway proves who it is: a bearer token, a client certificate, or both accepted.</summary>
public sealed class GatewayCredential
{
    public string? Token { get; set; }

    /// <summary>SHA-1 thumbprint (hex) of the gateway's client certificate for mutual TLS.</summary>
    public string? CertificateThumbprint { get; set; }
}
