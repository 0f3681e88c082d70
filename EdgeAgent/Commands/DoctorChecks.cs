using System.Net;
using System.Net.Sockets;
using EdgeAgent.Broker;
using EdgeAgent.Storage;

namespace EdgeAgent.Commands;

/// <summary>The checks of <c>EdgeAgent doctor</c>, each returning its lines.</summary>
internal sealed partial class DoctorChecks(IConfiguration configuration, DoctorSetup setup)
{
    private readonly BrokerOptions _broker = configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();

    public IEnumerable<DoctorFinding> Configuration()
    {
        var failures = DoctorCommand.StartupValidationFailures(configuration);
        if (failures.Count == 0)
        {
            return [DoctorFinding.Ok("config", "valid (the same validation the agent runs at start)")];
        }

        // A section that two parts bind (EdgeAgent) reports its failure once per binding: say it once.
        return failures.Distinct(StringComparer.Ordinal).Select(f => DoctorFinding.Fail("config", $"{f} — fix it in the site file; the agent would exit with code 2"));
    }

    public IEnumerable<DoctorFinding> DataDirectory(out bool agentRunning)
    {
        agentRunning = false;
        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        var directory = Path.GetFullPath(store.DataDirectory);
        if (!Directory.Exists(directory))
        {
            var parent = Path.GetDirectoryName(directory);
            return [DoctorFinding.Warn("data directory", $"{directory} does not exist yet; the agent creates it at start{(parent is null || Directory.Exists(parent) ? "" : $", but {parent} is missing too")} (install.sh makes it, owned by edgeagent)")];
        }

        var findings = new List<DoctorFinding>();
        try
        {
            using var held = DataDirectoryLock.Acquire(directory);
        }
        catch (DataDirectoryLockedException)
        {
            agentRunning = true;
            findings.Add(DoctorFinding.Ok("data directory", $"{directory} is in use by a running EdgeAgent"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            findings.Add(DoctorFinding.Fail("data directory", $"{directory} cannot be locked: {ex.Message} — give the agent's user (edgeagent) write access"));
        }

        if (!agentRunning && findings.Count == 0)
        {
            findings.Add(WriteProbe(directory));
        }

        findings.Add(FreeSpace(directory));
        return findings;
    }

    /// <summary>Whether someone can administer the console: an admin in the store's people (the agent must be stopped to look).</summary>
    public async Task<DoctorFinding> ConsoleAdminAsync(bool agentRunning)
    {
        const string Check = "console admin";
        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        var directory = Path.GetFullPath(store.DataDirectory);
        if (agentRunning)
        {
            return DoctorFinding.Warn(Check, "not checked while the agent holds the store; stop it and run `EdgeAgent users list` to see who can sign in");
        }

        if (!File.Exists(Path.Combine(directory, store.FileName)))
        {
            return DoctorFinding.Warn(Check, "none yet (no store): nobody can sign in to the console — run `EdgeAgent setup --admin <name>` before the first start");
        }

        List<People.Person>? people = null;
        var code = await UsersCommand.WithStoreAsync(directory, TextWriter.Null, s =>
        {
            people = s.Read(People.PeopleBook.List);
            return Task.FromResult(0);
        });
        if (people is null)
        {
            return DoctorFinding.Fail(Check, $"cannot open the store in {directory} (exit {code} from the same open `users` does) — see the data directory line");
        }

        var admins = people.Where(p => p.Role == People.PersonRole.Admin).Select(p => p.Name).ToList();
        return admins.Count > 0
            ? DoctorFinding.Ok(Check, $"{string.Join(", ", admins)}")
            : DoctorFinding.Warn(Check, "none: nobody can administer the console — `EdgeAgent setup --admin <name>` (or `users add --role admin`) with the agent stopped");
    }

    public IEnumerable<DoctorFinding> Ports(bool agentRunning)
    {
        var ports = new List<(string What, IPAddress Address, int Port)>();
        foreach (var url in (configuration["Urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                ports.Add(("HTTP", uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var a) ? a : IPAddress.Any, uri.Port));
            }
        }

        if (_broker.Mode == BrokerMode.Embedded && IPAddress.TryParse(_broker.BindAddress, out var bind))
        {
            if (_broker.Port != 0)
            {
                ports.Add(("MQTT", bind, _broker.Port));
            }

            if (_broker.TlsPort is { } tlsPort and not 0)
            {
                ports.Add(("MQTT TLS", bind, tlsPort));
            }
        }

        return ports.Select(p => PortFree(p.What, p.Address, p.Port, agentRunning));
    }

    private static DoctorFinding PortFree(string what, IPAddress address, int port, bool agentRunning)
    {
        var check = $"{what} port {port}";
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return DoctorFinding.Ok(check, $"free on {address}");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return agentRunning
                ? DoctorFinding.Ok(check, "in use, by the running agent (its data directory is locked)")
                : DoctorFinding.Fail(check, $"in use by another program on {address} — find it with `ss -ltnp 'sport = :{port}'` and stop it, or change the port in the site file");
        }
        catch (SocketException ex)
        {
            return DoctorFinding.Fail(check, $"cannot listen on {address}: {ex.Message} — is {address} an address of this gateway? Ports below 1024 need CAP_NET_BIND_SERVICE");
        }
    }

    private static DoctorFinding WriteProbe(string directory)
    {
        var probe = Path.Combine(directory, $".doctor-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
            return DoctorFinding.Ok("data directory", $"{directory} is writable");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DoctorFinding.Fail("data directory", $"{directory} is not writable: {ex.Message} — `chown -R edgeagent:edgeagent {directory}`");
        }
    }

    private DoctorFinding FreeSpace(string directory)
    {
        var free = new DriveInfo(directory).AvailableFreeSpace;
        var text = $"{free / (1024 * 1024)} MB free in {directory}";
        return free < setup.MinimumFreeBytes
            ? DoctorFinding.Fail("disk space", $"{text}; the store needs room to commit — free space or move Store:DataDirectory")
            : free < setup.MinimumFreeBytes * 10
                ? DoctorFinding.Warn("disk space", $"{text}; an outbox backlog during a long WAN outage needs more")
                : DoctorFinding.Ok("disk space", text);
    }
}
