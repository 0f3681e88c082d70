using System.Diagnostics;
using System.Net;

namespace ChaosRunner;

/// <summary>The faults added for issue #12's sections 3 and 4: the broker restarting and the data disk nearly full.</summary>
internal sealed partial class ChaosRun
{
    /// <summary>The tmpfs the agent's data lives on when the plan squeezes the disk.</summary>
    private const long DiskBytes = 256L * 1024 * 1024;

    /// <summary>What the squeeze leaves free: less than one LiteDB checkpoint, so the store's writes meet ENOSPC.</summary>
    private const long SqueezeLeavesBytes = 512 * 1024;

    /// <summary>How long an agent may take to answer /readyz after a fault before the runner restarts it (start-up on a loaded machine included).</summary>
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromMinutes(3);

    /// <summary>How long a kill waits for the agent to finish starting: some kills hit a running agent, some one still starting.</summary>
    private static readonly TimeSpan KillWaitsForReady = TimeSpan.FromSeconds(15);

    private DataDisk? _disk;

    /// <summary>Times the runner had to restart an agent that died or stopped being ready by itself, as systemd would.</summary>
    public List<string> Recoveries { get; } = [];

    public DataDisk? Disk => _disk;

    private async Task PrepareDiskAsync()
    {
        if (options.Faults.GetValueOrDefault(FaultKind.DiskSqueeze) > 0)
        {
            _disk = new DataDisk(Path.Combine(root, "disk"), DiskBytes);
            await _disk.MountAsync();
            Say($"agent data on a {DiskBytes / (1024 * 1024)} MB tmpfs at {_disk.MountPoint} (for the disk squeeze)");
        }
    }

    /// <summary>The agent's user name on an external broker (<c>Broker:Username</c>): the shipped ACL names <c>edgeagent-gw1</c> and its sessions.</summary>
    private const string AgentBrokerUser = "edgeagent-" + Gateway;

    private const string AgentBrokerPassword = "chaos-agent-broker-password";

    /// <summary>With <c>--broker mosquitto</c>: every user (the agent's five sessions, every device) and Mosquitto started.</summary>
    private async Task StartMosquittoAsync(CancellationToken ct)
    {
        if (!options.ExternalBroker)
        {
            return;
        }

        var users = new Dictionary<string, string>(StringComparer.Ordinal) { [AgentBrokerUser] = AgentBrokerPassword };
        foreach (var role in new[] { "scanners", "printers", "iolink", "plc" })
        {
            users[$"{AgentBrokerUser}-{role}"] = AgentBrokerPassword;
        }

        for (int i = 1; i <= options.Handhelds; i++)
        {
            users[Device(i)] = Password(Device(i));
        }

        foreach (var device in Enumerable.Range(1, options.Scanners).Select(ConveyorLoad.Scanner).Concat(Enumerable.Range(1, options.Masters).Select(ConveyorLoad.Master)))
        {
            users[device] = ConveyorLoad.Password(device);
        }

        _mosquitto = new MosquittoBroker(Path.Combine(root, "mosquitto"), _brokerPort);
        await _mosquitto.ConfigureAsync(users, ChildProcess.BuiltDll("MosquittoAcl"));
        await _mosquitto.StartAsync(ct);
        Say($"Mosquitto up on port {_brokerPort} (pid {_mosquitto.Pid}); the agent is configured against it (Broker:Mode=External)");
    }

    private async Task InjectBrokerRestartAsync(Fault fault, CancellationToken ct)
    {
        if (_mosquitto is { } mosquitto)
        {
            // The agent stays up: its sessions, the handhelds', the scanners' and the masters' all lose the broker, and
            // with it every session and queued message (no persistence), and all reconnect to the new one.
            await _brokerGate.WaitAsync(ct);
            try
            {
                Say($"broker restart: SIGKILL of Mosquitto (pid {mosquitto.Pid}), back in {fault.Hold.TotalSeconds:0.0}s");
                await mosquitto.KillAsync();
                await Task.Delay(fault.Hold, ct);
                await mosquitto.StartAsync(ct);
                Say($"Mosquitto is back (pid {mosquitto.Pid})");
            }
            finally
            {
                _brokerGate.Release();
            }

            return;
        }

        await _agentGate.WaitAsync(ct);
        try
        {
            bool running = await AgentReadyWithinAsync(KillWaitsForReady, ct);
            Say($"broker restart: SIGKILL of the agent and its embedded MQTT broker (pid {_agent!.Id}, {(running ? "running" : "still starting")}), back in {fault.Hold.TotalSeconds:0.0}s");
            await _agent.DisposeAsync();
            await Task.Delay(fault.Hold, ct);
            await StartAgentAsync(NormalQuota, ct, waitUntilReady: false);
        }
        finally
        {
            _agentGate.Release();
        }
    }

    private async Task InjectDiskSqueezeAsync(Fault fault, CancellationToken ct)
    {
        await _agentGate.WaitAsync(ct);
        try
        {
            long used = _disk!.Used();
            long free = _disk.Fill(SqueezeLeavesBytes);
            Say($"data disk squeezed: {free} bytes free (the agent's data took {used} bytes), for {fault.Hold.TotalSeconds:0.0}s");
            await Task.Delay(fault.Hold, ct);
            _disk.Release();
            Say($"data disk freed: {_disk.Free()} bytes free");
            await RecoverAgentAsync("the disk squeeze", ct);
        }
        finally
        {
            _agentGate.Release();
        }
    }

    /// <summary>
    /// After a fault that may stop the agent by itself: an agent that exited, or that does not answer /readyz within
    /// <see cref="RecoveryWait"/>, is restarted, as systemd's Restart= and WatchdogSec= would (deploy-arm64's unit).
    /// </summary>
    private async Task RecoverAgentAsync(string after, CancellationToken ct)
    {
        string? why = null;
        if (_agent!.HasExited)
        {
            why = $"the agent exited by itself (code {_agent.ExitCode}) during {after}";
        }
        else if (await WaitForReadyAsync(RecoveryWait, ct) is { } notReady)
        {
            why = $"the agent was not ready {RecoveryWait.TotalSeconds:0} s after {after} (/readyz: {notReady})";
        }

        if (why is null)
        {
            Say($"the agent is ready after {after}");
            return;
        }

        Say(why + "; restarting it as systemd would");
        lock (Recoveries)
        {
            Recoveries.Add(why);
        }

        await _agent.DisposeAsync();
        await StartAgentAsync(NormalQuota, ct);
    }

    private async Task<bool> AgentReadyWithinAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _agent!.WaitForLineAsync(timeout, ct);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Before the final drain: the last agent started must come up; one that died or never gets ready is started again.</summary>
    private async Task EnsureAgentReadyAsync(CancellationToken ct)
    {
        await _agentGate.WaitAsync(ct);
        try
        {
            if (!await AgentReadyWithinAsync(StartTimeout, ct))
            {
                Say($"the agent (pid {_agent!.Id}) did not get ready after the last kill (exited: {_agent.HasExited}, code {_agent.ExitCode}); starting it again");
                lock (Recoveries)
                {
                    Recoveries.Add("the agent did not get ready after the last kill");
                }

                await _agent.DisposeAsync();
                await StartAgentAsync(NormalQuota, ct);
            }
        }
        finally
        {
            _agentGate.Release();
        }
    }

    /// <summary>Null once /readyz answers 200; otherwise the last answer.</summary>
    private async Task<string?> WaitForReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        string last = "no answer";
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync("/readyz", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return null;
                }

                var body = await response.Content.ReadAsStringAsync(ct);
                last = $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(500, ct);
        }

        return last;
    }
}
