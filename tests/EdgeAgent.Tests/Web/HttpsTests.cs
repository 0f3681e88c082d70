using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeAgent.Configuration;
using EdgeAgent.Hosting;
using EdgeAgent.Tests.Hosting;

namespace EdgeAgent.Tests.Web;

/// <summary>The web port with a configured certificate: HTTPS with it, or a refusal naming the key.</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task WithAPemCertificateAndKey_TheWebPortServesHttps_AndTheSessionCookieIsSecure()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-host-").FullName;
        using var certificate = SelfSigned();
        await File.WriteAllTextAsync(Path.Combine(directory, "web.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "web.key"), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var settings = RunningAgent.Settings(directory, "hh-1");
        settings["Web:Https:CertificatePath"] = Path.Combine(directory, "web.crt");
        settings["Web:Https:KeyPath"] = Path.Combine(directory, "web.key");
        await using var agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        await agent.AddPersonAsync("ada", EdgeAgent.People.PersonRole.Admin, "ada-password");
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, served, _, _) => served?.Thumbprint == certificate.Thumbprint,
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = agent.BaseAddress };

        using var alive = await client.GetAsync("/healthz");
        using var signIn = await client.PostAsync("/api/session", new StringContent("""{"name":"ada","password":"ada-password"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal("https", agent.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("; secure", Assert.Single(signIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("CertificatePath", "Web:Https:CertificatePath: cannot read")]
    [InlineData("KeyPath", "Web:Https:KeyPath: cannot read")]
    public void AMissingFile_RefusesStart_NamingTheKey(string missing, string says)
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-host-").FullName;
        try
        {
            using var certificate = SelfSigned();
            File.WriteAllText(Path.Combine(directory, "web.crt"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory, "web.key"), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            var settings = RunningAgent.Settings(directory, "hh-1");
            settings["Web:Https:CertificatePath"] = Path.Combine(directory, missing == "CertificatePath" ? "absent.crt" : "web.crt");
            settings["Web:Https:KeyPath"] = Path.Combine(directory, missing == "KeyPath" ? "absent.key" : "web.key");

            var refused = Assert.Throws<StartupRefusedException>(() => AgentHost.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]));

            Assert.Contains(says, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
