using System.Globalization;
using EdgeAgent.Audit;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using LiteDB;

namespace EdgeAgent.Governance;

/// <summary>
/// A supervisor's decisions on queued approvals, and the time-out of those nobody decided. Each runs
/// inside one store write: a refusal (unknown, already decided, malformed) returns before anything changes.
/// </summary>
public sealed class ApprovalDesk(AuditLog audit, GovernedActions actions, TimeProvider time, FloorJournal? journal = null)
{
    public GovernanceResult Approve(LiteDatabase db, long id, string actor, string? note) =>
        Resolve(db, id, actor, ApprovalStatus.Approved, null, note);

    public GovernanceResult Reject(LiteDatabase db, long id, string actor, string reason) =>
        Resolve(db, id, actor, ApprovalStatus.Rejected, null, reason);

    /// <summary>Approves with a changed outcome, which the action's executor must accept.</summary>
    public GovernanceResult Edit(LiteDatabase db, long id, string actor, string outcome, string? reason) =>
        Resolve(db, id, actor, ApprovalStatus.Edited, outcome, reason);

    /// <summary>Applies each due approval's configured default; returns how many timed out.</summary>
    public int TimeOutDue(LiteDatabase db, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var governance = new GovernanceCollections(db);
        var due = governance.Approvals.Find(a => a.Status == ApprovalStatus.Pending && a.Deadline <= now).ToList();
        foreach (var approval in due)
        {
            TimeOut(db, governance, approval, now);
        }

        return due.Count;
    }

    private GovernanceResult Resolve(LiteDatabase db, long id, string actor, ApprovalStatus status, string? edited, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        var governance = new GovernanceCollections(db);
        var approval = governance.Approvals.FindById(id);
        if (approval is null)
        {
            return GovernanceResult.NotFound($"There is no approval {id}");
        }

        if (approval.Status != ApprovalStatus.Pending)
        {
            return GovernanceResult.Conflict(AlreadyDecided(approval));
        }

        var now = time.GetUtcNow().UtcDateTime;
        string? outcome = null;
        string done = "nothing executed";
        if (status != ApprovalStatus.Rejected)
        {
            outcome = edited ?? approval.Outcome;
            if (!GovernanceJson.TryParseObject(outcome, out var element, out var malformed))
            {
                return GovernanceResult.Invalid(malformed!);
            }

            if (actions.Check(db, approval.ActionType, element) is { } refusal)
            {
                return status == ApprovalStatus.Edited
                    ? GovernanceResult.Invalid($"The edited outcome is refused by {approval.ActionType}: {refusal}")
                    : GovernanceResult.Conflict($"The recommendation can no longer be applied: {refusal}. Reject it or edit the outcome.");
            }

            done = actions.Apply(db, approval.ActionType, element, approval.Id, actor, now);
        }

        var record = audit.Append(db, new AuditEntry
        {
            Kind = AuditKind.HumanAction,
            ActionType = approval.ActionType,
            DecisionSeq = approval.Id,
            Actor = actor,
            Verdict = status switch { ApprovalStatus.Approved => "approved", ApprovalStatus.Rejected => "rejected", _ => "edited" },
            Outcome = outcome,
            Reason = reason is null ? done : $"{reason} ({done})",
        });
        Close(governance, approval, status, actor, record, outcome, reason);
        var outcomeKind = status switch { ApprovalStatus.Approved => ApprovalOutcome.Approved, ApprovalStatus.Rejected => ApprovalOutcome.Rejected, _ => ApprovalOutcome.Edited };
        RecordEvent(db, outcomeKind, approval, record, actor);
        return GovernanceResult.Ok(approval);
    }

    private void TimeOut(LiteDatabase db, GovernanceCollections governance, Approval approval, DateTime now)
    {
        var waited = approval.Deadline.ToUniversalTime() - approval.CreatedAt.ToUniversalTime();
        string? outcome = null;
        var reason = $"no supervisor decided within {waited.ToString("c", CultureInfo.InvariantCulture)}; the default {approval.OnTimeout} applied";
        if (approval.OnTimeout == TimeoutOutcome.Approve && GovernanceJson.TryParseObject(approval.Outcome, out var element, out _))
        {
            if (actions.Check(db, approval.ActionType, element) is { } refusal)
            {
                reason += $", but the recommendation could no longer be applied ({refusal}): rejected instead";
            }
            else
            {
                outcome = approval.Outcome;
                reason += ": " + actions.Apply(db, approval.ActionType, element, approval.Id, AuditLog.SystemActor, now);
            }
        }

        var record = audit.Append(db, new AuditEntry
        {
            Kind = AuditKind.Decision,
            ActionType = approval.ActionType,
            DecisionSeq = approval.Id,
            Actor = AuditLog.SystemActor,
            Verdict = "timed-out",
            Outcome = outcome,
            Reason = reason,
        });
        Close(governance, approval, ApprovalStatus.TimedOut, AuditLog.SystemActor, record, outcome, reason);
        RecordEvent(db, ApprovalOutcome.TimedOut, approval, record, AuditLog.SystemActor);
    }

    private static void Close(GovernanceCollections governance, Approval approval, ApprovalStatus status, string actor, AuditRecord record, string? outcome, string? reason)
    {
        approval.Status = status;
        approval.DecidedBy = actor;
        approval.DecidedAt = record.At;
        approval.Reason = reason;
        approval.FinalOutcome = outcome;
        approval.ResolutionSeq = record.Seq;
        governance.Approvals.Update(approval);
    }

    private void RecordEvent(LiteDatabase db, ApprovalOutcome outcome, Approval approval, AuditRecord record, string actor) =>
        (journal ?? FloorJournal.Standalone).Record(db, GovernanceEvents.ApprovalDecided(approval, outcome, record, actor));

    internal static string AlreadyDecided(Approval approval) => string.Create(
        CultureInfo.InvariantCulture,
        $"Approval {approval.Id} was already decided: {approval.Status} by {approval.DecidedBy} at {approval.DecidedAt?.ToUniversalTime():O}");
}
