using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Ingress;
using CloudBridge.Outbox;
using CloudBridge.Sinks;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Edge.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task MutualTls_IdentifiesTheGatewayByCertificate_WithCompression()
    {
        using var dir = new TempDirectory();
        var certs = new TestCertificates(dir.Sub("certs"));
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"), configure: o => UseTls(o, certs));
        await using var edge = new TestEdge(dir.Sub("edge"), $"https://127.0.0.1:{ingress.Port}", o =>
        {
            o.GatewayId = "dc-mtls";
            o.Token = null;
            o.CaCertificatePath = certs.CaPath;
            o.ClientCertificatePath = certs.ClientCertificatePath;
            o.ClientKeyPath = certs.ClientKeyPath;
            o.Compress = true;
        });
        await edge.StartAsync();
        long last = await edge.AppendAsync(OutboxOptions.Business, 300);

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "events acked over mutual TLS");
        using var sink = new FileSink(dir.Sub("central"), NullLogger<FileSink>.Instance);
        Assert.Equal(last, await sink.GetHighWaterMarkAsync("dc-mtls", OutboxOptions.Business, CancellationToken.None));
    }

    [Fact]
    public async Task TlsWithToken_Works_AndAClientWithoutCertificateOrToken_IsRefused()
    {
        using var dir = new TempDirectory();
        var certs = new TestCertificates(dir.Sub("certs"));
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"), configure: o => UseTls(o, certs));
        var address = $"https://127.0.0.1:{ingress.Port}";
        await using var withToken = new TestEdge(dir.Sub("edge-token"), address, o => o.CaCertificatePath = certs.CaPath);
        await withToken.StartAsync();
        long last = await withToken.AppendAsync(OutboxOptions.Audit, 50);
        await Eventually.WaitAsync(() => withToken.AckedThrough(OutboxOptions.Audit) == last, "events acked over TLS with a token");

        await using var anonymous = new TestEdge(dir.Sub("edge-anon"), address, o =>
        {
            o.GatewayId = "dc-mtls";
            o.Token = null;
            o.CaCertificatePath = certs.CaPath;
        });
        await anonymous.StartAsync();
        await anonymous.AppendAsync(OutboxOptions.Audit, 5);
        await Eventually.WaitAsync(() => anonymous.Sender.GetStatus().LastError?.Contains("bad or missing token", StringComparison.Ordinal) == true, "the anonymous gateway refused");
        Assert.Equal(0, anonymous.AckedThrough(OutboxOptions.Audit));
    }

    private static void UseTls(IngressOptions o, TestCertificates certs)
    {
        o.CertificatePath = certs.ServerCertificatePath;
        o.CertificateKeyPath = certs.ServerKeyPath;
        o.RequestClientCertificate = true;
        o.Gateways["dc-mtls"] = new GatewayCredential { CertificateThumbprint = certs.ClientThumbprint };
    }
}
