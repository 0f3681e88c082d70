using System.Collections.Concurrent;
using System.Diagnostics;
using CloudBridge.Central.Tests.Infrastructure;

namespace CloudBridge.Edge.Tests.Infrastructure;

/// <summary>This test assembly started as a child process (<c>dotnet CloudBridge.Edge.Tests.dll mode …</c>), killed by its own handle.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> Lines => _lines;

    public static ChildProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child._lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child._lines.Enqueue("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last value printed as "<paramref name="prefix"/> N", or null.</summary>
    public long? LastValue(string prefix) =>
        _lines.Where(l => l.StartsWith(prefix + " ", StringComparison.Ordinal))
            .Select(l => (long?)long.Parse(l[(prefix.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .LastOrDefault();

    public async Task<long> WaitForValueAsync(string prefix)
    {
        await Eventually.WaitAsync(() => LastValue(prefix) is not null || _process.HasExited, $"child to print '{prefix}'");
        return LastValue(prefix) ?? throw new InvalidOperationException("child exited: " + string.Join('\n', _lines));
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
