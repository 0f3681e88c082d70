using System.Globalization;
using EdgeAgent.Audit;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Governance;

/// <summary>
/// A supervisor's hand on automation: override an executed decision or carry out a recommended one, pause and resume automation per zone
/// or action type, release a held order. Each runs inside one store write, audited with the operator as actor;
/// a refusal returns before anything changes.
/// </summary>
public sealed class Supervision(AuditLog audit, GovernedActions actions, TimeProvider time, FloorJournal? journal = null)
{
    /// <summary>The verdict of a human override in the audit log.</summary>
    public const string OverriddenVerdict = "overridden";

    /// <summary>The verdict of a person carrying out a recommend-only decision.</summary>
    public const string ExecutedByHandVerdict = "executed-by-hand";

    private const string ExecutedVerdict = "execute";
    private const string RecommendedVerdict = "recommend-only";

    public GovernanceResult Override(LiteDatabase db, long decisionSeq, string actor, string outcome, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        var decision = new AuditCollections(db).Records.FindById(decisionSeq);
        if (decision is null)
        {
            return GovernanceResult.NotFound($"There is no audit record {decisionSeq}");
        }

        if (decision.Kind != AuditKind.Decision || decision.Verdict is not (ExecutedVerdict or RecommendedVerdict))
        {
            return GovernanceResult.Conflict($"Audit record {decisionSeq} is neither an automatically executed decision nor a recommendation (it is a {decision.Kind} '{decision.Verdict}'); decide its approval instead");
        }

        // A recommendation waits for a person: carrying it out (as recommended or otherwise) is not an override.
        var byHand = decision.Verdict == RecommendedVerdict;

        if (!GovernanceJson.TryParseObject(outcome, out var element, out var malformed))
        {
            return GovernanceResult.Invalid(malformed!);
        }

        if (actions.Check(db, decision.ActionType, element) is { } refusal)
        {
            return GovernanceResult.Invalid($"The override is refused by {decision.ActionType}: {refusal}");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var done = actions.Apply(db, decision.ActionType, element, decisionSeq, actor, now);
        var record = audit.Append(db, new AuditEntry
        {
            Kind = AuditKind.HumanAction,
            ActionType = decision.ActionType,
            DecisionSeq = decisionSeq,
            Actor = actor,
            Verdict = byHand ? ExecutedByHandVerdict : OverriddenVerdict,
            Inputs = decision.Outcome,
            Outcome = outcome,
            Reason = reason is null ? done : $"{reason} ({done})",
        });
        (journal ?? FloorJournal.Standalone).Record(db, GovernanceEvents.HumanDecision(record, decisionSeq, actor, byHand));
        return GovernanceResult.Ok(new { auditSeq = record.Seq, decisionSeq, done });
    }

    public GovernanceResult Pause(LiteDatabase db, PauseTarget target, string name, string actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Invalid(target, name) is { } problem)
        {
            return GovernanceResult.Invalid(problem);
        }

        var pauses = new GovernanceCollections(db).Pauses;
        var key = AutomationPause.Key(target, name);
        if (pauses.FindById(key) is { } existing)
        {
            return GovernanceResult.Conflict(string.Create(CultureInfo.InvariantCulture, $"{key} is already paused by {existing.PausedBy} at {existing.PausedAt.ToUniversalTime():O}"));
        }

        var record = audit.Append(db, Entry(target, name, actor, "paused", reason));
        var pause = new AutomationPause { Id = key, Target = target, Name = name.Trim(), PausedBy = actor, PausedAt = record.At, Reason = reason, AuditSeq = record.Seq };
        pauses.Insert(pause);
        (journal ?? FloorJournal.Standalone).Record(db, GovernanceEvents.AutomationSwitched(record, target == PauseTarget.Zone ? pause.Name : null, actor, paused: true));
        return GovernanceResult.Ok(pause);
    }

    public GovernanceResult Resume(LiteDatabase db, PauseTarget target, string name, string actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Invalid(target, name) is { } problem)
        {
            return GovernanceResult.Invalid(problem);
        }

        var pauses = new GovernanceCollections(db).Pauses;
        var key = AutomationPause.Key(target, name);
        if (pauses.FindById(key) is null)
        {
            return GovernanceResult.NotFound($"{key} is not paused");
        }

        var record = audit.Append(db, Entry(target, name, actor, "resumed", reason));
        pauses.Delete(key);
        (journal ?? FloorJournal.Standalone).Record(db, GovernanceEvents.AutomationSwitched(record, target == PauseTarget.Zone ? name.Trim() : null, actor, paused: false));
        return GovernanceResult.Ok(new { resumed = key, auditSeq = record.Seq });
    }

    private static string? Invalid(PauseTarget target, string name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 64 ? "A zone or action type name is 1-64 characters"
        : target == PauseTarget.Action && !ActionTypes.All.Contains(name.Trim()) ? $"'{name}' is not an action type; known: {string.Join(", ", ActionTypes.All)}"
        : null;

    private static AuditEntry Entry(PauseTarget target, string name, string actor, string verdict, string? reason) => new()
    {
        Kind = AuditKind.HumanAction,
        ActionType = target == PauseTarget.Action ? name.Trim() : "automation",
        Trigger = AutomationPause.Key(target, name),
        Actor = actor,
        Verdict = verdict,
        Reason = reason,
    };

}
