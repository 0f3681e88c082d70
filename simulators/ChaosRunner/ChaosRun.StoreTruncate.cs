namespace ChaosRunner;

/// <summary>
/// The store file cut in half (<see cref="StoreDamage.CutInHalf"/>): fsynced, acknowledged commits go, as a disk that lost
/// written data leaves them. The agent must notice at its open and refuse saying what was lost and what to do (or
/// recover naming it); an agent that opens over it without a word has lost work silently, and the reconciliation says so.
/// </summary>
internal sealed partial class ChaosRun
{
    private readonly List<NamedLoss> _namedLosses = [];

    /// <summary>Acknowledged work the agent named lost at the open of a cut store, from its refusal and its report.</summary>
    public IReadOnlyList<NamedLoss> NamedLosses
    {
        get
        {
            lock (_namedLosses)
            {
                return [.. _namedLosses];
            }
        }
    }

    private async Task InjectStoreTruncateAsync(Fault fault, CancellationToken ct)
    {
        await _agentGate.WaitAsync(ct);
        try
        {
            bool running = await AgentReadyWithinAsync(KillWaitsForReady, ct);
            Say($"store cut: SIGKILL of the agent (pid {_agent!.Id}, {(running ? "running" : "still starting")}), then a store file cut in half");
            await _agent.DisposeAsync();
            var reportsBefore = DamageReports();
            Say("store cut: " + StoreDamage.CutInHalf(AgentData));
            await Task.Delay(fault.Hold, ct);
            for (int attempt = 1; ; attempt++)
            {
                await StartAgentAsync(NormalQuota, ct, waitUntilReady: false);
                if (await AgentReadyWithinAsync(StartTimeout, ct))
                {
                    // Opened over the cut file without refusing: what it lost is not named, and counts as lost.
                    Say($"the agent OPENED the cut store without refusing; its store said: {StoreLines()}");
                    return;
                }

                if (_agent.HasExited || attempt == 2)
                {
                    break;
                }

                Say($"the agent was not ready {StartTimeout.TotalMinutes:0} minutes after the store cut and had not exited; restarting it as systemd would");
                lock (Recoveries)
                {
                    Recoveries.Add("the agent was not ready after the store cut");
                }

                await _agent.DisposeAsync();
            }

            var why = _agent.LastLineContaining("cannot start") ?? "(no 'cannot start' line)";
            var named = NamedLoss.Parse(why + "\n" + string.Join("\n", DamageReports().Except(reportsBefore).Select(File.ReadAllText)));
            Say($"the agent refused the cut store (exit code {_agent.ExitCode}), naming {named.Count} lost range(s): {string.Join("; ", named)}; its words: {(why.Length > 600 ? why[..600] + "…" : why)}");
            lock (Recoveries)
            {
                Recoveries.Add($"the agent refused the cut store (exit code {_agent.ExitCode}); restarted with Store:OnDamage=Recover");
            }

            lock (_namedLosses)
            {
                _namedLosses.AddRange(named);
            }

            await _agent.DisposeAsync();
            await StartAgentAsync(NormalQuota, ct, recover: true);
            Say($"the agent recovered the cut store; its store said: {StoreLines()}");
        }
        finally
        {
            _agentGate.Release();
        }
    }

    /// <summary>The <c>REPORT.txt</c> of every damaged copy the agent kept in its data directory.</summary>
    private HashSet<string> DamageReports() =>
        Directory.Exists(AgentData)
            ? [.. Directory.EnumerateDirectories(AgentData, "damaged-*").Select(d => Path.Combine(d, "REPORT.txt")).Where(File.Exists)]
            : [];
}
