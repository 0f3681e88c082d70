using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeAgent.Bridge;
using EdgeAgent.Broker;
using EdgeAgent.Conveyor;

namespace EdgeAgent.Commands;

/// <summary>The checks outside the agent's own process: device nodes, certificates, central.</summary>
internal sealed partial class DoctorChecks
{
    public IEnumerable<DoctorFinding> DeviceNodes()
    {
        var conveyor = configuration.GetSection(ConveyorOptions.Section).Get<ConveyorOptions>() ?? new ConveyorOptions();
        if (!conveyor.Enabled)
        {
            return [];
        }

        return conveyor.Gpio switch
        {
            GpioSource.Board => [DeviceNode("GPIO", Directory.Exists(setup.DeviceDirectory) ? Directory.GetFiles(setup.DeviceDirectory, "gpiochip*").Order(StringComparer.Ordinal).FirstOrDefault() : null, Path.Combine(setup.DeviceDirectory, "gpiochip0"), "add the udev rule in deploy-arm64/README.md (GPIO and I²C permissions) and check the board's GPIO is enabled")],
            GpioSource.Mcp23017 when conveyor.Mcp23017.BusId is { } bus => [DeviceNode("I²C", Path.Combine(setup.DeviceDirectory, $"i2c-{bus}"), null, "enable I²C on the board (e.g. dtparam=i2c_arm=on) and check Conveyor:Mcp23017:BusId")],
            _ => [],
        };
    }

    public IEnumerable<DoctorFinding> Certificates()
    {
        var findings = new List<DoctorFinding>();
        if (_broker.Mode == BrokerMode.Embedded && _broker.TlsPort is not null)
        {
            findings.Add(Certificate("broker TLS certificate (Broker:TlsCertificatePath)", _broker.TlsCertificatePath));
        }

        if (_broker.Mode == BrokerMode.External && _broker.Tls)
        {
            findings.Add(Certificate("broker CA (Broker:CaCertificatePath)", _broker.CaCertificatePath, optional: true));
            findings.Add(Certificate("broker client certificate (Broker:ClientCertificatePath)", _broker.ClientCertificatePath, optional: true));
        }

        findings.Add(Certificate("bridge CA (CloudBridge:Uplink:CaCertificatePath)", configuration["CloudBridge:Uplink:CaCertificatePath"], optional: true));
        findings.Add(Certificate("bridge client certificate (CloudBridge:Uplink:ClientCertificatePath)", configuration["CloudBridge:Uplink:ClientCertificatePath"], optional: true));
        return findings.Where(f => f.Level != DoctorLevel.Ok || f.Detail.Length > 0);
    }

    public async Task<IEnumerable<DoctorFinding>> CentralAsync()
    {
        var address = configuration[BridgeServiceCollectionExtensions.UplinkAddressKey];
        if (string.IsNullOrWhiteSpace(address))
        {
            return [DoctorFinding.Warn("central", "CloudBridge:Uplink:Address is not set: the agent runs standalone and ships nothing to central")];
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return [DoctorFinding.Fail("central", $"CloudBridge:Uplink:Address '{address}' is not an absolute URL (https://central.example:443)")];
        }

        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(setup.CentralTimeout, setup.Time);
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            return [DoctorFinding.Ok("central", $"{uri.Host}:{uri.Port} accepts connections")];
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // Not a FAIL: the agent works offline and its outbox keeps everything until central is back.
            var why = ex is OperationCanceledException ? $"no answer within {setup.CentralTimeout.TotalSeconds:0} s" : ex.Message;
            return [DoctorFinding.Warn("central", $"{uri.Host}:{uri.Port} not reachable ({why}); events wait in the outbox until it is — check the WAN, DNS and firewall (outbound {uri.Port}/tcp)")];
        }
    }

    private static DoctorFinding DeviceNode(string what, string? found, string? expected, string fix)
    {
        var path = found ?? expected;
        if (path is null || !File.Exists(path))
        {
            return DoctorFinding.Fail(what, $"{path ?? "no gpiochip device"} is missing — {fix}");
        }

        try
        {
            using var node = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            return DoctorFinding.Ok(what, $"{path} opens for reading and writing");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DoctorFinding.Fail(what, $"{path} cannot be opened: {ex.Message} — the agent's user must be in its group (gpio / i2c); {fix}");
        }
    }

    private DoctorFinding Certificate(string what, string? path, bool optional = false)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return optional ? DoctorFinding.Ok(what, "") : DoctorFinding.Fail(what, "not set — name the PEM file");
        }

        X509Certificate2Collection certificates;
        try
        {
            certificates = [];
            certificates.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return DoctorFinding.Fail(what, $"{path} cannot be read as PEM: {ex.Message}");
        }

        if (certificates.Count == 0)
        {
            return DoctorFinding.Fail(what, $"{path} holds no certificate");
        }

        var now = setup.Time.GetUtcNow();
        var first = certificates.MinBy(c => c.NotAfter)!;
        var expires = new DateTimeOffset(first.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return expires <= now
            ? DoctorFinding.Fail(what, $"{path} expired on {expires:yyyy-MM-dd} — renew it, then restart the agent")
            : expires - now < setup.ExpiryWarning
                ? DoctorFinding.Warn(what, $"{path} expires on {expires:yyyy-MM-dd}, in {(expires - now).TotalDays:0} days — renew it soon")
                : DoctorFinding.Ok(what, $"{path} valid until {expires:yyyy-MM-dd}");
    }
}
