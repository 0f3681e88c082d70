using EdgeAgent.Drivers.Presence;
using EdgeAgent.Exceptions;
using EdgeAgent.Governance;
using EdgeAgent.Handhelds;
using EdgeAgent.Storage;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// Tells when the agent has finished what the floor's last move set off, so the runner may move the shift clock
/// again: no store write unanswered, no prompt push under way or waiting, no approval time-out sweep, exception
/// escalation sweep or bridge check running, no sensor event waiting to be recorded, no scanner read being handled, and no status query or label in
/// flight to a printer. Everything here
/// is the agent's own state read in-process (the runner hosts the agent); the runner also waits for the replies and
/// records of what it sent (handheld prompts, the scanner's reads, heartbeats reaching presence).
/// </summary>
internal sealed class AgentQuiet(IServiceProvider services)
{
    private readonly DurableStore _store = services.GetRequiredService<DurableStore>();
    private readonly PromptPusher? _pusher = services.GetServices<IHostedService>().OfType<PromptPusher>().FirstOrDefault();
    private readonly ApprovalSweeper? _approvals = services.GetService<ApprovalSweeper>();
    private readonly ExceptionSweeper? _escalation = services.GetService<ExceptionSweeper>();
    private readonly BridgeWatcher? _bridge = services.GetService<BridgeWatcher>();
    private readonly Conveyor.ConveyorLine? _line = services.GetService<Conveyor.ConveyorLine>();
    private readonly PresenceTracker? _presence = services.GetService<PresenceTracker>();

    /// <summary>Holds the agent's prompt pushes while <paramref name="apply"/> runs (see <see cref="PromptPusher.Hold"/>).</summary>
    public async Task WithPushesHeldAsync(Func<Task> apply)
    {
        _pusher?.Hold();
        try
        {
            await apply();
        }
        finally
        {
            _pusher?.Resume();
        }
    }

    /// <summary>How many times the runner waited for the agent to be quiet, for the speed notes.</summary>
    public long Settles { get; private set; }

    /// <summary>How many looks found the agent busy (or quiet only once), for the speed notes.</summary>
    public long Waits { get; private set; }

    /// <summary>How many of those waits slept 1 ms instead of yielding, for the speed notes.</summary>
    public long Sleeps { get; private set; }

    public bool IsQuiet =>
        _store.Unfinished == 0
        && (_pusher?.Quiet ?? true)
        && (_approvals?.CurrentSweep.IsCompleted ?? true)
        && (_escalation?.LastSweep.IsCompleted ?? true)
        && (_bridge?.LastCheck.IsCompleted ?? true)
        && (_line?.PrintersQuiet ?? true)
        && (_line?.SensorsQuiet ?? true)
        && (_line?.ScansQuiet ?? true);

    /// <summary>Waits until the agent is quiet twice in a row (work finishing can start more work).</summary>
    public async Task SettleAsync(CancellationToken ct)
    {
        Settles++;
        var quietLooks = 0;
        var looks = 0;
        while (quietLooks < 2)
        {
            quietLooks = IsQuiet ? quietLooks + 1 : 0;
            if (quietLooks < 2)
            {
                Waits++;
                if (++looks < 50)
                {
                    await Task.Yield();
                }
                else
                {
                    Sleeps++;
                    await Task.Delay(1, ct);
                }
            }
        }
    }

    /// <summary>Waits until the agent's presence has seen <paramref name="deviceId"/> at or after <paramref name="at"/>.</summary>
    public async Task SeenAsync(string deviceId, DateTimeOffset at, CancellationToken ct)
    {
        if (_presence is null)
        {
            return;
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!_presence.Snapshot().Any(d => d.DeviceId == deviceId && d.LastSeen >= at))
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"the agent's presence did not see {deviceId}'s status within 2 min of wall time");
            }

            await Task.Delay(1, ct);
        }
    }
}
