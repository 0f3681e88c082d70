using System.Diagnostics;

namespace EdgeAgent.EndToEnd;

/// <summary>A real Mosquitto on a free loopback port, configured for tests (no queue cap, no Nagle), stopped by its own handle.</summary>
internal sealed class MosquittoServer : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"];
    private readonly Process _process;
    private readonly string _directory;

    private MosquittoServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoServer> StartAsync()
    {
        var binary = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed: run `bash .ci/run`, which installs it (apt-get install mosquitto)");
        var directory = Directory.CreateTempSubdirectory("edgeagent-mosquitto-").FullName;
        var port = AgentProcess.FreePort();
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 0
            set_tcp_nodelay true
            log_dest stderr
            """);
        var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await WaitForListenerAsync(port, process);
        return new MosquittoServer(process, directory, port);
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

    /// <summary>Waits until a mosquitto process listens on its port; <paramref name="log"/> adds its output to a failure.</summary>
    internal static async Task WaitForListenerAsync(int port, Process process, Func<string>? log = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited at start with code {process.ExitCode}{Output(log)}");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"mosquitto did not listen on port {port}{Output(log)}");
    }

    private static string Output(Func<string>? log) => log is null ? "" : ":\n" + log();
}
