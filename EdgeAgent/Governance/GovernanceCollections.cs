using LiteDB;

namespace EdgeAgent.Governance;

/// <summary>Governance's collections in the agent's store, with their indexes.</summary>
public sealed class GovernanceCollections(LiteDatabase db)
{
    public ILiteCollection<Approval> Approvals { get; } = db.GetCollection<Approval>("approvals");

    public ILiteCollection<AutomationPause> Pauses { get; } = db.GetCollection<AutomationPause>("automation_pauses");

    public ILiteCollection<RightsDocument> Rights { get; } = db.GetCollection<RightsDocument>("governance");

    public static void EnsureIndexes(LiteDatabase db)
    {
        var governance = new GovernanceCollections(db);
        governance.Approvals.EnsureIndex(a => a.Status);
        governance.Approvals.EnsureIndex(a => a.Deadline);
    }

    /// <summary>The pause that stops automation for this action, if any: its type first, then its zone.</summary>
    public AutomationPause? PauseFor(string actionType, string? zone) =>
        Pauses.FindById(AutomationPause.Key(PauseTarget.Action, actionType))
        ?? (string.IsNullOrWhiteSpace(zone) ? null : Pauses.FindById(AutomationPause.Key(PauseTarget.Zone, zone)));

    /// <summary>The earliest deadline of a pending approval, for the time-out sweeper.</summary>
    public DateTime? NextDeadline() =>
        Approvals.Query().Where(a => a.Status == ApprovalStatus.Pending).OrderBy(a => a.Deadline).Limit(1).ToList() is [var first]
            ? first.Deadline.ToUniversalTime()
            : null;
}
