using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ChaosRunner;

/// <summary>
/// One of the real programs (the agent, the central ingress) as a child process: its output goes to a log file,
/// it is stopped with SIGKILL by its own handle (no shutdown hook, no flush), never by name.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _watchFor;
    private readonly TaskCompletionSource<string> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _recent = new();

    private ChildProcess(Process process, StreamWriter log, string watchFor)
    {
        _process = process;
        _log = log;
        _watchFor = watchFor;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts <c>dotnet &lt;dll&gt; args…</c>, appending its output to <paramref name="logPath"/>.</summary>
    public static ChildProcess Start(string dll, IEnumerable<string> args, string logPath, string watchFor)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, watchFor);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start " + dll);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the first output line containing the watched text; throws if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(limit.Token);
        var first = await Task.WhenAny(_seen.Task, exited);
        if (first != _seen.Task)
        {
            throw new InvalidOperationException($"process {_process.Id} did not print '{_watchFor}' (exited: {_process.HasExited})");
        }

        return await _seen.Task;
    }

    /// <summary>SIGKILL of the process and its children.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    public static string BuiltDll(string key) =>
        typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <c>dotnet &lt;dll&gt; args…</c> to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the log was closed at the end of the run.
            }
        }

        lock (_recent)
        {
            _recent.Enqueue(line);
            if (_recent.Count > 500)
            {
                _recent.Dequeue();
            }
        }

        if (line.Contains(_watchFor, StringComparison.Ordinal))
        {
            _seen.TrySetResult(line);
        }
    }

    /// <summary>The process's recent output lines (the last 500) that contain <paramref name="text"/>, oldest first.</summary>
    public IReadOnlyList<string> LinesContaining(string text)
    {
        lock (_recent)
        {
            return [.. _recent.Where(l => l.Contains(text, StringComparison.Ordinal))];
        }
    }

    /// <summary>The last of the process's recent output lines (the last 500) that contains <paramref name="text"/>.</summary>
    public string? LastLineContaining(string text)
    {
        lock (_recent)
        {
            return _recent.LastOrDefault(l => l.Contains(text, StringComparison.Ordinal));
        }
    }
}
