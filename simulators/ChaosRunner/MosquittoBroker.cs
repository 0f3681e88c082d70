using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ChaosRunner;

/// <summary>
/// An external Mosquitto for <c>--broker mosquitto</c>: Debian's <c>mosquitto</c> on a free loopback port, configured as
/// <c>deploy-arm64/mosquitto/edgeagent.conf</c> configures a site (password file, the shipped ACL, client id = user name,
/// a deep queue, no Nagle) but without TLS and without persistence, so a restart loses every session and queued
/// message, as a crashed broker does. Stopped with SIGKILL by its own handle.
/// </summary>
internal sealed class MosquittoBroker(string directory, int port) : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"];
    private const string PasswdTool = "/usr/bin/mosquitto_passwd";
    private Process? _process;

    public int Port => port;

    public int? Pid => _process?.Id;

    /// <summary>Writes the password file (one entry per user, <c>mosquitto_passwd -b</c>) and the configuration.</summary>
    public async Task ConfigureAsync(IReadOnlyDictionary<string, string> users, string acl)
    {
        if (!File.Exists(PasswdTool) || !Binaries.Any(File.Exists))
        {
            throw new InvalidOperationException("--broker mosquitto needs Debian's mosquitto (apt-get install mosquitto; .ci/run installs it)");
        }

        Directory.CreateDirectory(directory);
        var passwords = Path.Combine(directory, "edgeagent.passwd");
        await File.WriteAllTextAsync(passwords, "");
        foreach (var (user, password) in users)
        {
            var (code, output) = await RunAsync(PasswdTool, "-b", passwords, user, password);
            if (code != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd failed for {user}: {output}");
            }
        }

        var config = string.Join('\n',
            "per_listener_settings false",
            string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1"),
            "allow_anonymous false",
            $"password_file {passwords}",
            $"acl_file {acl}",
            "use_username_as_clientid true",
            "max_queued_messages 100000",
            "max_inflight_messages 100",
            "set_tcp_nodelay true",
            "persistence false",
            // Run as root (the disk squeeze needs it) Mosquitto would drop to its own user, which cannot read the run's
            // private directory; it keeps the runner's user instead.
            "user root",
            $"log_dest file {Path.Combine(directory, "mosquitto.log")}",
            "connection_messages true",
            "");
        await File.WriteAllTextAsync(Path.Combine(directory, "edgeagent.conf"), config);
    }

    /// <summary>Starts Mosquitto and waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var info = new ProcessStartInfo(Binaries.First(File.Exists)) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Path.Combine(directory, "edgeagent.conf"));
        _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync(ct)}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, ct);
                return;
            }
            catch (SocketException) when (started.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>SIGKILL: no goodbye to any client, every session and queued message gone (no persistence).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static async Task<(int, string)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
