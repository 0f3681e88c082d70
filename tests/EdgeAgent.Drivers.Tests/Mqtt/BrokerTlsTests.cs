using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeAgent.Drivers.Tests.Mqtt;

/// <summary>The embedded broker's optional TLS listener, with a configured PEM certificate.</summary>
public sealed class BrokerTlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DeviceConnectsOverTls_WhenTheBrokerHasACertificate_AndThePlainListenerStillServes()
    {
        var (certificate, thumbprint) = WriteSelfSignedPem();
        var options = new EmbeddedBrokerOptions
        {
            Port = 0,
            TlsPort = 0,
            TlsCertificatePath = certificate,
            Authentication = BrokerAuthentication.Off,
        };
        await using var broker = new EmbeddedBroker(Microsoft.Extensions.Options.Options.Create(options), NullLogger<EmbeddedBroker>.Instance, TimeProvider.System);
        await broker.StartAsync(Guard.Token());
        string? presented = null;
        using var secure = new MqttClientFactory().CreateMqttClient();

        var result = await secure.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.TlsPort!.Value).WithClientId("hh-tls")
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(e =>
                {
                    presented = e.Certificate.GetCertHashString();
                    return true;
                }))
                .Build(),
            Guard.Token());
        using var plain = new MqttClientFactory().CreateMqttClient();
        var plainResult = await plain.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("hh-plain").WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            Guard.Token());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.Equal(thumbprint, presented);
        Assert.NotEqual(broker.Port, broker.TlsPort);
        Assert.Equal(MqttClientConnectResultCode.Success, plainResult.ResultCode);
    }

    [Fact]
    public async Task TlsPortWithoutACertificate_StopsTheBrokerAtStart_SayingWhy()
    {
        var options = new EmbeddedBrokerOptions { Port = 0, TlsPort = 0, Authentication = BrokerAuthentication.Off };
        await using var broker = new EmbeddedBroker(Microsoft.Extensions.Options.Options.Create(options), NullLogger<EmbeddedBroker>.Instance, TimeProvider.System);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => broker.StartAsync(Guard.Token()));

        Assert.Contains("TlsCertificatePath", error.Message, StringComparison.Ordinal);
    }

    private (string Path, string Thumbprint) WriteSelfSignedPem()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=edgeagent-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, "broker.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        return (path, certificate.GetCertHashString());
    }
}
