using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeAgent.Configuration;

namespace EdgeAgent.Web;

/// <summary>Loads the web port's certificate at start-up, refusing to start with a message naming the key when it cannot.</summary>
public static class HttpsCertificate
{
    /// <summary>The configured certificate, or null when <c>Web:Https:CertificatePath</c> is not set.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(HttpsOptions.Section).Get<HttpsOptions>() ?? new HttpsOptions();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (!string.IsNullOrWhiteSpace(options.KeyPath))
            {
                throw new StartupRefusedException($"{HttpsOptions.Section}:KeyPath is set but {HttpsOptions.Section}:CertificatePath is not: set both for HTTPS, or neither");
            }

            return null;
        }

        Readable(options.CertificatePath, "CertificatePath");
        try
        {
            if (!string.IsNullOrWhiteSpace(options.KeyPath))
            {
                Readable(options.KeyPath, "KeyPath");
                return string.IsNullOrEmpty(options.Password)
                    ? X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath, options.Password, options.KeyPath);
            }

            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.Password);
            if (!certificate.HasPrivateKey)
            {
                throw new StartupRefusedException($"{HttpsOptions.Section}:CertificatePath {options.CertificatePath} has no private key: give a .pfx with its key, or a PEM certificate with {HttpsOptions.Section}:KeyPath");
            }

            return certificate;
        }
        catch (CryptographicException ex)
        {
            throw new StartupRefusedException(
                $"{HttpsOptions.Section}:CertificatePath {options.CertificatePath} could not be loaded ({ex.Message}): a PEM certificate needs {HttpsOptions.Section}:KeyPath, a .pfx its {HttpsOptions.Section}:Password", ex);
        }
    }

    private static void Readable(string path, string key)
    {
        try
        {
            using var _ = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"{HttpsOptions.Section}:{key}: cannot read {path} ({ex.Message})", ex);
        }
    }
}
