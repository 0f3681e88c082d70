using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeAgent.Tests.Hosting;

/// <summary>
/// A real Mosquitto on a free loopback port, queueing as the shipped <c>deploy-arm64/mosquitto/edgeagent.conf</c> does
/// (<c>max_queued_messages 100000</c>, no Nagle), open to anonymous clients; stopped by its own handle. A test that needs
/// it fails, never skips, when it is not installed.
/// </summary>
internal sealed class MosquittoProcess : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"];
    private readonly Process _process;
    private readonly string _directory;

    private MosquittoProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoProcess> StartAsync(CancellationToken ct)
    {
        var binary = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed: run `bash .ci/run`, which installs it (apt-get install mosquitto)");
        var directory = Directory.CreateTempSubdirectory("edgeagent-mosquitto-").FullName;
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 100000
            max_inflight_messages 100
            set_tcp_nodelay true
            log_dest stderr
            """), ct);
        var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var mosquitto = new MosquittoProcess(process, directory, port);
        try
        {
            await mosquitto.WaitForListenerAsync(ct);
        }
        catch
        {
            await mosquitto.DisposeAsync();
            throw;
        }

        return mosquitto;
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

    private async Task WaitForListenerAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited at start with code {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, ct);
            }
        }
    }
}
