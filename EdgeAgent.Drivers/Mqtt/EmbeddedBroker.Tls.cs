using System.Security.Cryptography.X509Certificates;

namespace EdgeAgent.Drivers.Mqtt;

public sealed partial class EmbeddedBroker
{
    private X509Certificate2 LoadCertificate()
    {
        if (string.IsNullOrEmpty(_options.TlsCertificatePath))
        {
            throw new InvalidOperationException("TlsPort is set but TlsCertificatePath is not: the TLS listener needs a certificate (PEM).");
        }

        // A PEM pair becomes a PKCS#12 in memory: SslStream on Linux wants the key attached that way.
        using var pem = X509Certificate2.CreateFromPemFile(_options.TlsCertificatePath, _options.TlsKeyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
