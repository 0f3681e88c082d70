using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Ingress;
using Microsoft.Extensions.Options;

namespace CloudBridge.Central.Tests;

public sealed class IngressOptionsTests
{
    [Fact]
    public async Task PlaintextOffLoopback_IsRefusedAtStart()
    {
        using var dir = new TempDirectory();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o =>
        {
            TestIngress.Configure(o, dir.Path, 0);
            o.ListenAddress = "0.0.0.0";
        }));
        Assert.Contains("Plaintext is allowed on loopback only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MutualTlsWithoutACertificate_IsRefusedAtStart()
    {
        using var dir = new TempDirectory();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o =>
        {
            TestIngress.Configure(o, dir.Path, 0);
            o.RequestClientCertificate = true;
        }));
        Assert.Contains("Mutual TLS needs CertificatePath", ex.Message, StringComparison.Ordinal);
    }

    private static async Task StartAsync(Action<IngressOptions> configure)
    {
        await using var app = IngressApp.Build(["--Logging:LogLevel:Default=None"], configure);
        await app.StartAsync();
    }
}
