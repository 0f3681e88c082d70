using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>One Mosquitto on a loopback port with the given configuration, stopped through its own process handle.</summary>
internal sealed class MosquittoProcess : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/mosquitto";
    private readonly Process _process;
    private readonly StreamWriter _log;

    private MosquittoProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<MosquittoProcess> StartAsync(string configPath, int port, string logPath)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("mosquitto is not installed: apt-get install mosquitto");
        }

        var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(configPath);
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new MosquittoProcess(process, log);
        try
        {
            await WaitForListenerAsync(port, process);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Clean stop (SIGTERM): Mosquitto saves its in-memory database to the persistence file before it exits.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            NativeSignals.Terminate(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        // WaitForExit has drained the redirected output, so no line arrives after this.
        await _process.WaitForExitAsync();
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static async Task WaitForListenerAsync(int port, Process process)
    {
        for (int attempt = 0; attempt < 2000; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited at start with code {process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(5);
            }
        }

        throw new InvalidOperationException($"mosquitto did not listen on port {port}");
    }
}
