using EdgeAgent.Audit;
using EdgeAgent.Events;

namespace EdgeAgent.Governance;

/// <summary>
/// The floor events governance records for every verdict and human action, each built from the audit record
/// written in the same transaction, so the audit chain, central and the KPI fold see the same facts.
/// </summary>
public static class GovernanceEvents
{
    public const string DeviceId = "governance";

    public static DecisionVerdict Verdict(VerdictKind kind) => kind switch
    {
        VerdictKind.Execute => DecisionVerdict.Executed,
        VerdictKind.AwaitApproval => DecisionVerdict.AwaitingApproval,
        _ => DecisionVerdict.RecommendedOnly,
    };

    /// <param name="record">The decision's audit record.</param>
    /// <param name="kind">The verdict.</param>
    /// <param name="lowConfidence">Whether the confidence was under the right's threshold.</param>
    /// <param name="effectiveRight">The right in effect after demotion: automated, assisted or human-only.</param>
    /// <param name="zone">The zone the action concerns, if any.</param>
    /// <param name="paused">Whether automation was paused for it.</param>
    public static DecisionRecorded Decision(AuditRecord record, VerdictKind kind, bool lowConfidence, string effectiveRight, string? zone, bool paused)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new DecisionRecorded
        {
            At = record.At,
            DeviceId = DeviceId,
            Seq = record.Seq,
            Action = record.ActionType,
            Verdict = Verdict(kind),
            Method = record.Method,
            MethodVersion = record.MethodVersion,
            Confidence = record.Confidence,
            Threshold = record.Threshold,
            LowConfidence = lowConfidence,
            Fallback = record.Fallback,
            Right = effectiveRight,
            Zone = zone,
            Paused = paused,
            AuditSeq = record.Seq,
        };
    }

    public static ApprovalDecided ApprovalDecided(Approval approval, ApprovalOutcome outcome, AuditRecord record, string actor)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(record);
        return new ApprovalDecided
        {
            At = record.At,
            DeviceId = DeviceId,
            Seq = record.Seq,
            Action = approval.ActionType,
            Outcome = outcome,
            DecisionSeq = approval.Id,
            Actor = actor,
            LowConfidence = approval.LowConfidence,
            Right = approval.Right,
            Zone = approval.Zone,
            AuditSeq = record.Seq,
        };
    }

    /// <summary>A person overrode a decision, or carried out one the agent could only recommend.</summary>
    public static FloorEvent HumanDecision(AuditRecord record, long decisionSeq, string actor, bool byHand)
    {
        ArgumentNullException.ThrowIfNull(record);
        return byHand
            ? new DecisionExecutedByHand { At = record.At, DeviceId = DeviceId, Seq = record.Seq, Action = record.ActionType, DecisionSeq = decisionSeq, Actor = actor, AuditSeq = record.Seq }
            : new DecisionOverridden { At = record.At, DeviceId = DeviceId, Seq = record.Seq, Action = record.ActionType, DecisionSeq = decisionSeq, Actor = actor, AuditSeq = record.Seq };
    }

    public static FloorEvent AutomationSwitched(AuditRecord record, string? zone, string actor, bool paused)
    {
        ArgumentNullException.ThrowIfNull(record);
        return paused
            ? new AutomationPaused { At = record.At, DeviceId = DeviceId, Seq = record.Seq, Action = record.ActionType, Zone = zone, Actor = actor, AuditSeq = record.Seq }
            : new AutomationResumed { At = record.At, DeviceId = DeviceId, Seq = record.Seq, Action = record.ActionType, Zone = zone, Actor = actor, AuditSeq = record.Seq };
    }

    public static RightsChanged RightsChanged(AuditRecord record, string actor)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RightsChanged { At = record.At, DeviceId = DeviceId, Seq = record.Seq, Actor = actor, AuditSeq = record.Seq };
    }
}
