using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CloudBridge.Contract.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudBridge.Uplink;

/// <summary>Builds the gRPC channel to central (TLS, mutual TLS, quick reconnect) and the per-call identity headers.</summary>
public static class BridgeChannel
{
    public const string GatewayHeader = BridgeMetadata.GatewayHeader;

    public static GrpcChannel Create(UplinkOptions options) => Create(options, options?.Address ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>A channel to one of <see cref="UplinkOptions.AllAddresses"/>, with the options' identity and limits.</summary>
    public static GrpcChannel Create(UplinkOptions options, string address)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(address);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = options.ConnectTimeout,
        };
        if (address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            handler.SslOptions = TlsOptions(options);
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // gRPC's default reconnect backoff (1 s growing to 120 s) would leave a backlog waiting after the link returns.
            InitialReconnectBackoff = options.InitialBackoff,
            MaxReconnectBackoff = options.MaxBackoff,
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
        });
    }

    /// <summary>Gateway id, bearer token and, when configured, the request compression switch.</summary>
    public static Metadata Headers(UplinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var headers = new Metadata { { GatewayHeader, options.GatewayId } };
        if (!string.IsNullOrEmpty(options.Token))
        {
            headers.Add("authorization", "Bearer " + options.Token);
        }

        if (options.Compress)
        {
            headers.Add("grpc-internal-encoding-request", "gzip");
        }

        return headers;
    }

    private static SslClientAuthenticationOptions TlsOptions(UplinkOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (options.ClientCertificatePath is { Length: > 0 } certPath)
        {
            var cert = X509Certificate2.CreateFromPemFile(certPath, options.ClientKeyPath);
            // Export/import so the key is usable by SslStream on every platform.
            ssl.ClientCertificates = [X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null)];
        }

        if (options.CaCertificatePath is { Length: > 0 } caPath)
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && ChainsTo(new X509Certificate2(certificate), ca, errors);
        }

        return ssl;
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
