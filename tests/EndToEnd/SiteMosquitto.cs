using System.Diagnostics;
using System.Globalization;

namespace EdgeAgent.EndToEnd;

/// <summary>
/// Mosquitto run as a site runs it for EdgeAgent: the shipped <c>deploy-arm64/mosquitto/edgeagent.conf</c> and
/// <c>edgeagent.acl</c> as they are, with only the listener port and the file locations moved into a temp directory.
/// </summary>
internal sealed class SiteMosquitto : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"];
    private const string PasswdTool = "/usr/bin/mosquitto_passwd";
    private readonly Process _process;
    private readonly string _directory;
    private readonly List<string> _log = [];

    private SiteMosquitto(Process process, string directory, int port, SiteCertificates certificates)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Certificates = certificates;
    }

    public int Port { get; }

    public SiteCertificates Certificates { get; }

    /// <summary>Mosquitto's log so far (connections, disconnections, refusals).</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <param name="users">User name → password, written with <c>mosquitto_passwd -b</c>.</param>
    public static async Task<SiteMosquitto> StartAsync(IReadOnlyDictionary<string, string> users)
    {
        var binary = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed: run `bash .ci/run`, which installs it (apt-get install mosquitto)");
        if (!File.Exists(PasswdTool))
        {
            throw new InvalidOperationException("mosquitto_passwd is not installed (Debian package mosquitto)");
        }

        // Not CreateTempSubdirectory (0700): started as root, Mosquitto drops to its own user before it reads the password file.
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "edgeagent-site-mosquitto-" + Guid.NewGuid().ToString("N"))).FullName;
        var certificates = SiteCertificates.Create(directory);
        var passwords = Path.Combine(directory, "edgeagent.passwd");
        await File.WriteAllTextAsync(passwords, "");
        foreach (var (user, password) in users)
        {
            await RunAsync(PasswdTool, "-b", passwords, user, password);
        }

        var port = AgentProcess.FreePort();
        var config = Path.Combine(directory, "edgeagent.conf");
        await File.WriteAllTextAsync(config, Relocate(await File.ReadAllTextAsync(Shipped("edgeagent.conf")), port, directory, certificates, passwords));
        var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var process = new Process { StartInfo = info };
        var server = new SiteMosquitto(process, directory, port, certificates);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await server.WaitForListenerAsync();
        return server;
    }

    /// <summary>A file of <c>deploy-arm64/mosquitto/</c>, found above the test's output folder.</summary>
    public static string Shipped(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy-arm64", "mosquitto", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"deploy-arm64/mosquitto/{name} not found above the test folder");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Relocate(string shipped, int port, string directory, SiteCertificates certificates, string passwords)
    {
        var lines = shipped.Split('\n').Select(line => line.Split(' ', 2) switch
        {
            ["listener", _] => string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1"),
            ["cafile", _] => $"cafile {certificates.CaPath}",
            ["certfile", _] => $"certfile {certificates.ServerCertificatePath}",
            ["keyfile", _] => $"keyfile {certificates.ServerKeyPath}",
            ["password_file", _] => $"password_file {passwords}",
            ["acl_file", _] => $"acl_file {Shipped("edgeagent.acl")}",
            _ => line,
        });
        return string.Join('\n', lines) + $"\npersistence false\nlog_dest stderr\nlog_type all\nconnection_messages true\n# test directory {directory}\n";
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await error}");
        }
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    private Task WaitForListenerAsync() => MosquittoServer.WaitForListenerAsync(Port, _process, () => string.Join('\n', Log));
}
