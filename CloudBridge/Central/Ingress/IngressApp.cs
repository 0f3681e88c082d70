using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>The runnable central ingress: Kestrel on HTTP/2, TLS and mutual TLS when configured.</summary>
public static class IngressApp
{
    /// <summary>
    /// Builds the app from args/appsettings; <paramref name="configure"/> lets tests set options directly, and
    /// <paramref name="logs"/> adds a log sink beside the configured ones.
    /// </summary>
    public static WebApplication Build(string[] args, Action<IngressOptions>? configure = null, ILoggerProvider? logs = null)
    {
        // The ingress listens where Ingress:ListenAddress and Ingress:Port say. A Urls setting (ASPNETCORE_URLS in a
        // container, the agent's appsettings.json when the demo embeds the ingress) would only draw Kestrel's
        // "Overriding address(es)" warning, so an empty one goes last, where it wins. It has to be there when the
        // builder is made: the host reads its addresses then.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, $"--{WebHostDefaults.ServerUrlsKey}="],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddCloudBridgeIngress(builder.Configuration);
        if (configure is not null)
        {
            builder.Services.PostConfigure(configure);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<IngressOptions>>().Value;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
            {
                // Plaintext gRPC needs HTTP/2 only (prior knowledge); with TLS, ALPN picks HTTP/2.
                listen.Protocols = HttpProtocols.Http2;
                if (options.UsesTls)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = LoadPem(options.CertificatePath!, options.CertificateKeyPath);
                        if (options.RequestClientCertificate)
                        {
                            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                            // Gateways are pinned by thumbprint in GatewayAuthenticator; the chain is not what identifies them.
                            https.ClientCertificateValidation = (_, _, _) => true;
                        }
                    });
                }
            });
        });
        var app = builder.Build();
        app.MapCloudBridgeIngress();
        return app;
    }

    /// <summary>The port Kestrel actually bound (useful with Port = 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }

    private static X509Certificate2 LoadPem(string certificatePath, string? keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
