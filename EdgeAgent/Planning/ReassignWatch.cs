using System.Globalization;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Planning;

/// <summary>
/// The planner's eye on work already handed out: every few seconds it looks at the tasks in pickers' hands (and an
/// absent picker's next task, decided by a person while they were busy)
/// and proposes <c>task.reassign</c> through the governance gate for each one at risk (the holder's handheld
/// went offline or silent, the holder left the task's zone, or the holder fell behind so the task's late risk crossed the threshold), with
/// the expected gain. Automated, the move is made in the same write; otherwise it waits for a supervisor.
/// Each task is proposed once per assignment.
/// </summary>
public sealed partial class ReassignWatch(
    DurableStore store,
    GovernanceGate gate,
    FloorJournal journal,
    IOptions<ReassignOptions> options,
    IOptions<PickerOptions> pickers,
    IOptions<PlanningOptions> planning,
    TimeProvider time,
    ILogger<ReassignWatch> logger,
    PresenceTracker? presence = null) : BackgroundService
{
    private readonly HashSet<string> _proposed = new(StringComparer.Ordinal);
    private readonly TaskReassignAction _move = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Driven by the caller (the shift scenario), the caller sweeps on its own clock, like the planner's plans.
        if (!options.Value.Enabled || planning.Value.DrivenByCaller)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.CheckSeconds), time, stoppingToken);
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    /// <summary>One look at the tasks in hand; returns the verdicts of what it proposed.</summary>
    internal Task<List<GateVerdict>> SweepAsync(CancellationToken ct)
    {
        var devices = presence?.Snapshot() ?? [];
        // Most looks find nothing new: a read tells, so a quiet floor costs no write (no fsync) every few seconds.
        var looked = time.GetUtcNow().UtcDateTime;
        if (!store.Read(db => StuckTaskFinder.Find(new FloorCollections(db), devices, pickers.Value, options.Value, looked).Exists(s => !_proposed.Contains(Key(s)))))
        {
            return Task.FromResult(new List<GateVerdict>());
        }

        return store.WriteAsync(db =>
        {
            var verdicts = new List<GateVerdict>();
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var stuck in StuckTaskFinder.Find(new FloorCollections(db, journal), devices, pickers.Value, options.Value, now))
            {
                var key = Key(stuck);
                var proposal = Propose(stuck);
                if (_proposed.Contains(key) || _move.Check(db, System.Text.Json.JsonDocument.Parse(proposal.Outcome).RootElement) is not null)
                {
                    continue;
                }

                var verdict = gate.DecideAndExecute(db, proposal);
                _proposed.Add(key);
                verdicts.Add(verdict);
                LogProposed(logger, stuck.Task.Id, stuck.Holder.Id, stuck.Reason, stuck.To?.Id ?? "the pool", stuck.LateRisk, verdict.Kind);
            }

            return verdicts;
        }, ct);
    }

    private static string Key(StuckTask stuck) => string.Create(CultureInfo.InvariantCulture, $"{stuck.Task.Id}@{stuck.Task.AssignedAt!.Value.Ticks}");

    private ProposedAction Propose(StuckTask stuck)
    {
        var task = stuck.Task;
        var to = stuck.To?.Id;
        var why = stuck.Reason switch
        {
            "picker-absent" => $"{stuck.Holder.Id}'s handheld {stuck.Holder.DeviceId} is offline or silent",
            "picker-left-zone" => $"{stuck.Holder.Id} left zone {task.Zone} for zone {stuck.Zone}",
            _ => string.Create(CultureInfo.InvariantCulture, $"{stuck.Holder.Id} has spent {stuck.ElapsedSeconds:0} s on it, late risk {stuck.LateRisk:0.00}"),
        };
        var next = stuck.Next ? $" (their next, decided by {stuck.Holder.AwaitingDecision?.DecidedBy})" : "";
        var gain = stuck.ExpectedGainSeconds is { } g ? string.Create(CultureInfo.InvariantCulture, $": expected done {g:0} s sooner") : "";
        return new ProposedAction
        {
            ActionType = ActionTypes.TaskReassign,
            Scope = new ScopeFacts { Zone = task.Zone, Regulated = string.Equals(task.RequiredSkill, "hazmat", StringComparison.OrdinalIgnoreCase) },
            Trigger = $"{stuck.Reason} {stuck.Holder.Id} on {stuck.Holder.DeviceId}, task {task.Id}{next}",
            Inputs = GovernanceJson.Serialize(new
            {
                holder = stuck.Holder.Id,
                device = stuck.Holder.DeviceId,
                holderZone = stuck.Zone,
                next = stuck.Next,
                task = new { task.Id, task.Location, task.Zone, task.OrderId, cutOff = task.DueAt, assignedAt = task.AssignedAt, task.PredictedSeconds },
                elapsedSeconds = Math.Round(stuck.ElapsedSeconds, 1),
                holderSeconds = double.IsInfinity(stuck.HolderSeconds) ? (double?)null : Math.Round(stuck.HolderSeconds, 1),
                moverSeconds = stuck.MoverSeconds is { } m ? Math.Round(m, 1) : (double?)null,
                lateRisk = Math.Round(stuck.LateRisk, 3),
                lateRiskThreshold = options.Value.LateRiskThreshold,
                behindFactor = options.Value.BehindFactor,
            }),
            Method = new DecisionMethod { Kind = "rule", Name = "reassign-watch", Version = "1" },
            Confidence = stuck.Confidence,
            Outcome = GovernanceJson.Serialize(new { taskId = task.Id, toPicker = to, fromPicker = stuck.Holder.Id, expectedGainSeconds = stuck.ExpectedGainSeconds is { } e ? Math.Round(e, 1) : (double?)null }),
            Summary = $"Move {task.Id}{next} from {stuck.Holder.Id} to {to ?? "the pool"} ({why}){gain}",
            Alternatives = [new AlternativeOutcome { Outcome = GovernanceJson.Serialize(new { taskId = task.Id, toPicker = stuck.Holder.Id }), Summary = $"Leave {task.Id} with {stuck.Holder.Id}" }],
            AffectedOrders = [task.OrderId],
        };
    }

    [LoggerMessage(EventId = 75, Level = LogLevel.Information, Message = "Proposed moving {TaskId} from {Holder} ({Reason}) to {To}, late risk {Risk:0.00}: {Verdict}")]
    private static partial void LogProposed(ILogger logger, string taskId, string holder, string reason, string to, double risk, VerdictKind verdict);

    [LoggerMessage(EventId = 76, Level = LogLevel.Error, Message = "Looking for tasks at risk failed; trying again at the next check")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
