using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace EdgeAgent.EndToEnd;

/// <summary>The agent as a real child process on loopback ports, stopped or killed by its own handle.</summary>
internal sealed partial class AgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private AgentProcess(Process process) => _process = process;

    public string PageUrl { get; private set; } = "";

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public Task<int> ExitCode => _process.WaitForExitAsync().ContinueWith(_ => _process.ExitCode, TaskScheduler.Default);

    /// <summary>Starts the agent with the given settings and waits for its ready line.</summary>
    public static async Task<AgentProcess> StartAsync(IReadOnlyDictionary<string, string> settings, ITestOutputHelper? log = null, bool waitForReady = true)
    {
        var agent = Launch(settings, log);
        if (waitForReady)
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            var exited = agent._process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(agent._ready.Task, exited);
            if (first != agent._ready.Task)
            {
                throw new InvalidOperationException("The agent did not become ready:\n" + string.Join('\n', agent.Output.TakeLast(40)));
            }

            agent.PageUrl = await agent._ready.Task;
        }

        return agent;
    }

    /// <summary>Runs the agent binary as a command (e.g. <c>audit verify</c>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args)
    {
        var info = StartInfo();
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no checkpoint.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static AgentProcess Launch(IReadOnlyDictionary<string, string> settings, ITestOutputHelper? log)
    {
        var info = StartInfo();
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var agent = new AgentProcess(process);
        process.OutputDataReceived += (_, e) => agent.OnLine(e.Data, log);
        process.ErrorDataReceived += (_, e) => agent.OnLine(e.Data, log);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    private static ProcessStartInfo StartInfo()
    {
        var dll = typeof(AgentProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AgentDll").Value!;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        return info;
    }

    private void OnLine(string? line, ITestOutputHelper? log)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        try
        {
            log?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output helper no longer takes lines.
        }

        if (line.Contains("EdgeAgent ready", StringComparison.Ordinal) && ReadyUrl().Match(line) is { Success: true } match)
        {
            _ready.TrySetResult(match.Value);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex ReadyUrl();
}
