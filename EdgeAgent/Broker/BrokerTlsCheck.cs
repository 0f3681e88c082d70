using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Broker;

/// <summary>Start-up checks of the PEM files for the agent's TLS connection to an external broker: each returns what is wrong, or null.</summary>
internal static class BrokerTlsCheck
{
    public static string? TrustChainProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            _ = new MqttTlsSettings { CaCertificatePath = path }.LoadTrustChain();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException)
        {
            return $"'{path}' is not a readable PEM certificate file: {ex.Message}";
        }
    }

    public static string? ClientCertificateProblem(string? certificatePath, string? keyPath)
    {
        if (string.IsNullOrEmpty(certificatePath))
        {
            return null;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            return certificate.HasPrivateKey ? null : $"'{certificatePath}' has no private key in '{keyPath}'";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return $"'{certificatePath}' with key '{keyPath}' is not a readable PEM certificate and key: {ex.Message}";
        }
    }
}
