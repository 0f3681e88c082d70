namespace ChaosRunner;

/// <summary>The damaged store: the agent killed with a page of its log half-written, and what the agent does about it.</summary>
internal sealed partial class ChaosRun
{
    private async Task InjectStoreDamageAsync(Fault fault, CancellationToken ct)
    {
        await _agentGate.WaitAsync(ct);
        try
        {
            bool running = await AgentReadyWithinAsync(KillWaitsForReady, ct);
            Say($"store damage: SIGKILL of the agent (pid {_agent!.Id}, {(running ? "running" : "still starting")}), then a page of its log half-written");
            await _agent.DisposeAsync();
            Say("store damage: " + StoreDamage.TearLogTail(AgentData, new Random(options.Seed + (int)fault.At.TotalMilliseconds)));
            await Task.Delay(fault.Hold, ct);
            await StartAgentAsync(NormalQuota, ct, waitUntilReady: false);
            if (await AgentReadyWithinAsync(StartTimeout, ct))
            {
                Say($"the agent started over the damaged log; its store said: {StoreLines()}");
                return;
            }

            if (!_agent.HasExited)
            {
                // Neither ready nor refused (a start that takes longer than the wait on a loaded machine): restarted as
                // systemd's watchdog would, without changing how it treats the store.
                var slow = $"the agent was not ready {StartTimeout.TotalMinutes:0} minutes after the store damage and had not exited; its store said: {StoreLines()}";
                Say(slow + "; restarting it as systemd would");
                lock (Recoveries)
                {
                    Recoveries.Add(slow);
                }

                await _agent.DisposeAsync();
                await StartAgentAsync(NormalQuota, ct);
                return;
            }

            var why = _agent.LastLineContaining("cannot start") ?? "(no 'cannot start' line)";
            var refused = $"the agent refused the damaged store (exit code {_agent.ExitCode}): {why}";
            Say(refused + "; starting it with Store:OnDamage=Recover, as its message says");
            lock (Recoveries)
            {
                Recoveries.Add(refused);
            }

            await _agent.DisposeAsync();
            await StartAgentAsync(NormalQuota, ct, recover: true);
            Say($"the agent recovered; its store said: {StoreLines()}");
        }
        finally
        {
            _agentGate.Release();
        }
    }

    /// <summary>What the agent's store logged at this start (its check at open, a recovery, the open), one line each.</summary>
    private string StoreLines() =>
        _agent!.LinesContaining("EdgeAgent.Storage") is { Count: > 0 } lines ? string.Join(" | ", lines.Select(l => l.Length > 400 ? l[..400] + "…" : l)) : "(nothing)";
}
