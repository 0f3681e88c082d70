using System.Security.Cryptography.X509Certificates;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>TLS for a client connection to an external broker: whom to trust, what name to expect, and an optional client certificate.</summary>
public sealed record MqttTlsSettings
{
    /// <summary>PEM file with the CA certificate(s) the broker's certificate must chain to; null trusts the system store.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>The name the broker's certificate must carry; null checks against the host connected to.</summary>
    public string? ServerName { get; init; }

    /// <summary>PEM client certificate for brokers that require one (<c>require_certificate true</c>), with <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; init; }

    public string? ClientKeyPath { get; init; }

    /// <summary>The CA certificates read from <see cref="CaCertificatePath"/>; throws when the file holds none.</summary>
    public X509Certificate2Collection? LoadTrustChain()
    {
        if (CaCertificatePath is null)
        {
            return null;
        }

        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(CaCertificatePath);
        if (chain.Count == 0)
        {
            throw new InvalidDataException($"{CaCertificatePath} holds no PEM certificate");
        }

        return chain;
    }

    /// <summary>The client certificate with its private key, or null when none is configured.</summary>
    public X509Certificate2? LoadClientCertificate() =>
        ClientCertificatePath is null ? null : X509Certificate2.CreateFromPemFile(ClientCertificatePath, ClientKeyPath);
}
