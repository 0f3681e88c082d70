using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeAgent.Drivers.Tests.Infrastructure;

/// <summary>A real Mosquitto on a free loopback port, tuned as a test broker must be (no queue cap, no Nagle).</summary>
public class MosquittoFixture : IAsyncLifetime, IDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edgeagent-mosquitto-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            // A test that cannot run must not pass: say what to install.
            throw new InvalidOperationException($"Mosquitto is missing at {Executable}: run `bash .ci/run`, which installs it (apt-get install mosquitto).");
        }

        Directory.CreateDirectory(_directory);
        Port = FreePort();
        var config = Path.Combine(_directory, "mosquitto.conf");
        var access = await AccessConfigurationAsync(_directory);
        await File.WriteAllTextAsync(config, $"""
            listener {Port} 127.0.0.1
            {access}
            max_queued_messages 0
            set_tcp_nodelay true
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            log_type notice
            log_type information
            """);

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process
        {
            StartInfo = new ProcessStartInfo(Executable, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true },
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("running", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Mosquitto exited during start."));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await ready.Task.WaitAsync(Guard.Timeout);
    }

    /// <summary>The access part of mosquitto.conf; open to anyone unless a subclass secures it.</summary>
    protected virtual Task<string> AccessConfigurationAsync(string directory) => Task.FromResult("allow_anonymous true");

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public void Dispose()
    {
        _process?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
