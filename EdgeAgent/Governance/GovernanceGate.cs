using EdgeAgent.Audit;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using LiteDB;

namespace EdgeAgent.Governance;

/// <summary>
/// The one entry point a workflow calls, inside its own store write, before it acts on a proposed action:
/// applies the decision right (mode, scope, threshold) and any pause, writes the decision's audit record
/// and floor event, and queues an approval when a supervisor must decide.
/// </summary>
public sealed class GovernanceGate(RightsBook rights, AuditLog audit, GovernedActions actions, ApprovalSweeper sweeper, TimeProvider time, FloorJournal? journal = null)
{
    public GateVerdict Decide(LiteDatabase db, ProposedAction action)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        if (!ActionTypes.All.Contains(action.ActionType))
        {
            throw new ArgumentException($"'{action.ActionType}' is not a governed action type", nameof(action));
        }

        if (!GovernanceJson.TryParseObject(action.Outcome, out _, out var problem))
        {
            throw new ArgumentException($"The proposed {action.ActionType} outcome is malformed: {problem}", nameof(action));
        }

        var (right, pause, low, kind) = Weigh(db, action.ActionType, action.Scope, action.Confidence);
        var governance = new GovernanceCollections(db);
        var effective = low ? DecisionMode.Assisted : right.Mode;
        var record = audit.Append(db, Entry(action, right, kind, Why(action, right, low, pause)));
        DateTime? deadline = null;
        if (kind == VerdictKind.AwaitApproval)
        {
            deadline = record.At + right.Right.ApprovalTimeout;
            governance.Approvals.Insert(Queue(action, right, effective, low, record, deadline.Value));
            // Harmless if this write rolls back: the sweeper finds nothing due and re-arms.
            sweeper.Schedule(deadline.Value);
        }

        (journal ?? FloorJournal.Standalone).Record(db, GovernanceEvents.Decision(record, kind, low, GovernanceJson.Name(effective), action.Scope.Zone, pause is not null));
        return new GateVerdict { Kind = kind, DecisionSeq = record.Seq, Right = right, LowConfidence = low, Paused = pause is not null, Deadline = deadline };
    }

    /// <summary>
    /// The verdict an action of this type, scope and confidence would get now, without recording anything:
    /// for a workflow that must know whether a person is still needed before it proposes again.
    /// </summary>
    public VerdictKind Preview(LiteDatabase db, string actionType, ScopeFacts scope, double confidence) =>
        Weigh(db, actionType, scope, confidence).Kind;

    /// <summary>The threshold under which an automated action of this type and scope is demoted to assisted.</summary>
    public AppliedRight RightFor(LiteDatabase db, string actionType, ScopeFacts scope) =>
        rights.Current(db).For(actionType).Resolve(scope);

    private (AppliedRight Right, AutomationPause? Pause, bool Low, VerdictKind Kind) Weigh(LiteDatabase db, string actionType, ScopeFacts scope, double confidence)
    {
        var right = RightFor(db, actionType, scope);
        var pause = new GovernanceCollections(db).PauseFor(actionType, scope.Zone);
        var low = right.Mode == DecisionMode.Automated && confidence < right.Threshold;
        var kind = pause is not null ? VerdictKind.RecommendOnly : right.Mode switch
        {
            DecisionMode.Automated => low ? VerdictKind.AwaitApproval : VerdictKind.Execute,
            DecisionMode.Assisted => VerdictKind.AwaitApproval,
            _ => VerdictKind.RecommendOnly,
        };
        return (right, pause, low, kind);
    }

    /// <summary>Decides and, when the verdict is Execute, applies the outcome through the action type's executor in the same write.</summary>
    public GateVerdict DecideAndExecute(LiteDatabase db, ProposedAction action)
    {
        var verdict = Decide(db, action);
        if (verdict.Kind != VerdictKind.Execute)
        {
            return verdict;
        }

        _ = GovernanceJson.TryParseObject(action.Outcome, out var outcome, out _); // Decide proved it parses
        if (actions.Check(db, action.ActionType, outcome) is { } refusal)
        {
            throw new InvalidOperationException($"The proposed {action.ActionType} cannot be applied: {refusal}");
        }

        return verdict with { Executed = actions.Apply(db, action.ActionType, outcome, verdict.DecisionSeq, AuditLog.SystemActor, time.GetUtcNow().UtcDateTime) };
    }

    private static AuditEntry Entry(ProposedAction action, AppliedRight right, VerdictKind kind, string reason) => new()
    {
        Kind = AuditKind.Decision,
        ActionType = action.ActionType,
        Trigger = action.Trigger,
        Inputs = action.Inputs,
        Method = $"{action.Method.Kind}:{action.Method.Name}",
        MethodVersion = action.Method.Version,
        Confidence = action.Confidence,
        Fallback = action.Fallback,
        Right = GovernanceJson.Name(right.Mode),
        Scope = right.Scope,
        Threshold = right.Threshold,
        Actor = AuditLog.SystemActor,
        Verdict = kind switch { VerdictKind.Execute => "execute", VerdictKind.AwaitApproval => "await-approval", _ => "recommend-only" },
        Outcome = action.Outcome,
        Reason = reason,
    };

    private static string Why(ProposedAction action, AppliedRight right, bool low, AutomationPause? pause) =>
        pause is not null
            ? $"automation paused ({pause.Id}) by {pause.PausedBy}: recommended only, a person acts. {action.Summary}"
            : low
                ? FormattableString.Invariant($"confidence {action.Confidence} is under the threshold {right.Threshold}: a supervisor approves. {action.Summary}")
                : action.Summary;

    private static Approval Queue(ProposedAction action, AppliedRight right, DecisionMode effective, bool low, AuditRecord record, DateTime deadline) => new()
    {
        Id = record.Seq,
        ActionType = action.ActionType,
        Zone = action.Scope.Zone,
        Status = ApprovalStatus.Pending,
        CreatedAt = record.At,
        Deadline = deadline,
        OnTimeout = right.Right.OnTimeout,
        Summary = action.Summary,
        Context = System.Text.Json.JsonSerializer.Serialize(action, GovernanceJson.Options),
        Outcome = action.Outcome,
        Right = GovernanceJson.Name(effective),
        Scope = right.Scope,
        Threshold = right.Threshold,
        LowConfidence = low,
    };
}
