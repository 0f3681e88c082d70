using System.Globalization;
using EdgeAgent.Governance;

namespace EdgeAgent.Fulfilment;

/// <summary>A picker's next task as a governed <c>task.assign</c> decision: what the gate and the audit chain get to see.</summary>
internal static class NextTaskDecision
{
    /// <summary>Why a model pick gives way to the rule: its confidence is under the right's threshold; null when it is not.</summary>
    public static string? Unsure(FloorCollections floor, GovernanceGate gate, Assignment candidate)
    {
        var right = gate.RightFor(floor.Database, ActionTypes.TaskAssign, Scope(candidate.Task));
        return right.Mode == DecisionMode.Automated && candidate.Confidence < right.Threshold
            ? string.Create(CultureInfo.InvariantCulture, $"model unsure: confidence {candidate.Confidence:0.00} under the threshold {right.Threshold:0.00}")
            : null;
    }

    /// <summary>Whether the gate would let the agent hand this task out itself now (cached per scope for one decision).</summary>
    public static bool Automatic(FloorCollections floor, GovernanceGate gate, PickTask task, Dictionary<(string, bool), bool> known)
    {
        var scope = Scope(task);
        var key = (scope.Zone ?? "", scope.Regulated);
        if (!known.TryGetValue(key, out var automatic))
        {
            automatic = gate.Preview(floor.Database, ActionTypes.TaskAssign, scope, 1.0) == VerdictKind.Execute;
            known[key] = automatic;
        }

        return automatic;
    }

    public static ProposedAction Propose(PickerSession picker, Assignment candidate, string trigger)
    {
        var task = candidate.Task;
        var plan = candidate.Plan;
        var model = candidate.Method == "model";
        return new ProposedAction
        {
            ActionType = ActionTypes.TaskAssign,
            Scope = Scope(task),
            Trigger = $"{trigger} (picker {picker.Id} on {picker.DeviceId})",
            Inputs = GovernanceJson.Serialize(new
            {
                picker = picker.Id,
                position = picker.Position,
                pace = picker.Pace,
                task = new { task.Id, task.Location, task.Zone, task.OrderId, task.Priority, cutOff = task.DueAt, task.Quantity, handling = task.Handling.ToString() },
                planSeq = plan.Seq,
                planTrigger = plan.Trigger,
                predictedSeconds = candidate.Planned?.PredictedSeconds,
                lateRisk = candidate.Planned?.LateRisk,
                basis = model ? candidate.Planned?.Basis : "earliest cut-off, then nearest location",
            }),
            Method = model
                ? new DecisionMethod { Kind = "model", Name = "rebalancer", Version = plan.Models }
                : new DecisionMethod { Kind = "rule", Name = "earliest-cutoff-nearest", Version = "1" },
            Confidence = candidate.Confidence,
            Fallback = !model && plan.Seq > 0,
            Outcome = GovernanceJson.Serialize(new { taskId = task.Id, toPicker = picker.Id }),
            Summary = model
                ? $"Give {task.Id} at {task.Location} to {picker.Id}: {candidate.Planned?.Basis}"
                : $"Give {task.Id} at {task.Location} to {picker.Id} by rule ({candidate.FallbackReason})",
            Alternatives = (candidate.Planned?.RunnerUps ?? []).Select(id => new AlternativeOutcome
            {
                Outcome = GovernanceJson.Serialize(new { taskId = id, toPicker = picker.Id }),
                Summary = $"Give {id} to {picker.Id} instead",
            }).ToList(),
            AffectedOrders = [task.OrderId],
        };
    }

    public static string WaitText(PendingAssignment pending) => pending.Approval
        ? $"Next task {pending.TaskId} at {pending.Location} waits for a supervisor's approval. Stand by"
        : $"Automation is off for zone {pending.Zone}: your supervisor assigns your next task (suggested {pending.TaskId} at {pending.Location}). Stand by";

    private static ScopeFacts Scope(PickTask task) => new()
    {
        Zone = task.Zone,
        // Hazardous goods are the regulated items a site scopes its rights on.
        Regulated = string.Equals(task.RequiredSkill, "hazmat", StringComparison.OrdinalIgnoreCase),
    };
}
