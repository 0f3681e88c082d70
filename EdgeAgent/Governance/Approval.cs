using LiteDB;

namespace EdgeAgent.Governance;

/// <summary>An assisted decision waiting for (or decided by) a supervisor, with its assembled context (collection <c>approvals</c>).</summary>
public sealed class Approval
{
    /// <summary>The audit sequence number of the decision that queued it.</summary>
    [BsonId(false)]
    public long Id { get; set; }

    public string ActionType { get; set; } = "";

    public string? Zone { get; set; }

    public ApprovalStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime Deadline { get; set; }

    public TimeoutOutcome OnTimeout { get; set; }

    /// <summary>The recommendation in words.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The proposed action as JSON: trigger, inputs, method, confidence, outcome, alternatives, affected orders.</summary>
    public string Context { get; set; } = "{}";

    /// <summary>The recommended outcome as JSON.</summary>
    public string Outcome { get; set; } = "{}";

    public string Right { get; set; } = "";

    public string Scope { get; set; } = "";

    public double Threshold { get; set; }

    public bool LowConfidence { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>The outcome executed (the recommendation, or the supervisor's edit).</summary>
    public string? FinalOutcome { get; set; }

    /// <summary>The audit record of the resolution.</summary>
    public long? ResolutionSeq { get; set; }
}
