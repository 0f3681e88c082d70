using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeAgent.Bench.Startup;

/// <summary>
/// The agent as its own process (<c>dotnet EdgeAgent.dll</c>, the build this bench references), so its resident
/// memory is the agent's alone and start-up is measured from the process's launch.
/// </summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private AgentProcess(Process process, int httpPort)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Id => _process.Id;

    /// <summary>Launches the agent on <paramref name="dataDirectory"/>; the stopwatch starts just before the launch.</summary>
    public static AgentProcess Start(string dataDirectory, string logFile, IReadOnlyDictionary<string, string> environment, out Stopwatch sinceLaunch)
    {
        var port = FreePort();
        // The bridge is configured, so the agent opens its outbox and the uplink sender starts on the backlog (its
        // resume read is on the path to ready); central is a port nobody listens on, so nothing drains meanwhile.
        var central = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "EdgeAgent.dll"),
            $"--Urls=http://127.0.0.1:{port}",
            "--Broker:Port=0",
            $"--Store:DataDirectory={dataDirectory}",
            "--EdgeAgent:Site=site1",
            $"--config={Path.Combine(dataDirectory, "..", "no-site-file.json")}",
            "--Logging:LogLevel:Default=Warning",
            // The store's "opened in N ms" line, which the bench reads back for the store-open column.
            "--Logging:LogLevel:EdgeAgent.Storage.DurableStore=Information",
            $"--CloudBridge:Uplink:Address=http://127.0.0.1:{central}",
        })
        {
            info.ArgumentList.Add(arg);
        }

        sinceLaunch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AgentProcess(process, port);
    }

    /// <summary>Polls /readyz every 20 ms until it answers 200; throws if the process exits or the deadline passes.</summary>
    public async Task WaitReadyAsync(TimeSpan deadline)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The agent exited with {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer; ask again.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"/readyz did not answer 200 within {deadline}");
    }

    /// <summary>Stops the agent the way a power cut or the OOM killer does (SIGKILL): no checkpoint, no clean close.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Resident set size from /proc (VmRSS), in MB.</summary>
    public double RssMb() => ReadKb("VmRSS") / 1024.0;

    /// <summary>The resident set's parts (RssAnon: heaps and native allocations; RssFile: mapped images and libraries; RssShmem: JIT code under the runtime's W^X double mapping), in MB.</summary>
    public (double Anon, double File, double Shmem) RssPartsMb() => (ReadKb("RssAnon") / 1024.0, ReadKb("RssFile") / 1024.0, ReadKb("RssShmem") / 1024.0);

    /// <summary>Peak resident set size since launch (VmHWM), in MB.</summary>
    public double PeakRssMb() => ReadKb("VmHWM") / 1024.0;

    /// <summary>Stops the agent the way systemd does (SIGTERM), so the store checkpoints and closes.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private long ReadKb(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {key}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
