using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Ingress;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
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

    [Fact]
    public async Task AUrlsSetting_IsNotWhereTheIngressListens_AndDrawsNoWarning()
    {
        // ASPNETCORE_URLS in a container, or the agent's appsettings.json ("Urls") when the demo embeds the ingress.
        using var dir = new TempDirectory();
        using var logs = new FakeLoggerProvider();
        await using var app = IngressApp.Build(["--Urls=http://127.0.0.1:1"], o => TestIngress.Configure(o, dir.Path, 0), logs);
        await app.StartAsync();

        var port = IngressApp.BoundPort(app);
        await app.StopAsync();

        Assert.NotEqual(1, port);
        Assert.Equal(["http://127.0.0.1:" + port], app.Urls);
        var warnings = logs.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).Select(r => $"{r.Category}: {r.Message}");
        Assert.Empty(warnings);
    }

    private static async Task StartAsync(Action<IngressOptions> configure)
    {
        await using var app = IngressApp.Build(["--Logging:LogLevel:Default=None"], configure);
        await app.StartAsync();
    }
}
