using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudBridge.Central.Tests.Infrastructure;

/// <summary>
/// A real nats-server with JetStream on a free loopback port and a temp store, stopped by its own process handle.
/// A missing binary fails the tests with what to install: a test that cannot run must not pass.
/// </summary>
public sealed class NatsServerFixture : IAsyncLifetime, IDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

    private readonly TempDirectory _dir = new();
    private Process? _process;

    public string? Url { get; private set; }

    public async Task InitializeAsync()
    {
        var binary = Binary();
        int port = FreePort();
        var config = _dir.Sub("nats.conf");
        await File.WriteAllTextAsync(config, $$"""
            server_name: bridge-test
            listen: 127.0.0.1:{{port}}
            jetstream {
              store_dir: "{{_dir.Sub("js")}}"
            }
            """);
        _process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await Eventually.WaitAsync(() => CanConnect(port), "nats-server to listen");
        Url = $"nats://127.0.0.1:{port}";
    }

    /// <summary>The nats-server binary; throws (never skips) when it is not installed.</summary>
    public static string Binary() =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nats-server is not installed: run `bash .ci/run`, which installs it (apt-get install nats-server)");

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _process?.Dispose();
        _dir.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
