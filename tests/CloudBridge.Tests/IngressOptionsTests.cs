using CloudBridge.Ingress;
using CloudBridge.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CloudBridge.Tests;

public sealed class IngressOptionsTests
{
    [Fact]
    public async Task PlaintextOffLoopback_IsRefusedAtStart()
    {
        using var dir = new TempDirectory();
        await using var app = IngressApp.Build(["--Logging:LogLevel:Default=None"], o =>
        {
            TestIngress.Configure(o, dir.Path, 0);
            o.ListenAddress = "0.0.0.0";
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Plaintext is allowed on loopback only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MutualTlsWithoutACertificate_IsRefusedAtStart()
    {
        using var dir = new TempDirectory();
        await using var app = IngressApp.Build(["--Logging:LogLevel:Default=None"], o =>
        {
            TestIngress.Configure(o, dir.Path, 0);
            o.RequestClientCertificate = true;
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Mutual TLS needs CertificatePath", ex.Message, StringComparison.Ordinal);
    }
}
