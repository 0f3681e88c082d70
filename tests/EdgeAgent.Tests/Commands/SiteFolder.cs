using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace EdgeAgent.Tests.Commands;

/// <summary>A temp folder with a site file, a data directory and whatever certificates a test needs.</summary>
internal sealed class SiteFolder : IDisposable
{
    public SiteFolder() => Root = Directory.CreateTempSubdirectory("edgeagent-site-").FullName;

    public string Root { get; }

    public string ConfigFile => Path.Combine(Root, "edgeagent.json");

    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>A valid site on free loopback ports, with <paramref name="edit"/> applied.</summary>
    public string WriteConfig(Action<JsonObject>? edit = null)
    {
        Directory.CreateDirectory(DataDirectory);
        var root = new JsonObject
        {
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort()}"),
            ["EdgeAgent"] = new JsonObject { ["Site"] = "dc7", ["GatewayId"] = "gw7" },
            ["Store"] = new JsonObject { [nameof(DataDirectory)] = DataDirectory },
            ["Broker"] = new JsonObject { ["Mode"] = "Embedded", ["BindAddress"] = "127.0.0.1", ["Port"] = FreePort() },
        };
        edit?.Invoke(root);
        File.WriteAllText(ConfigFile, root.ToJsonString());
        return ConfigFile;
    }

    /// <summary>A self-signed PEM certificate valid until <paramref name="notAfter"/>.</summary>
    public string Certificate(string name, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(notAfter.AddDays(-60), notAfter);
        var path = Path.Combine(Root, name + ".crt");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Root, name + ".key"), key.ExportPkcs8PrivateKeyPem());
        return path;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
