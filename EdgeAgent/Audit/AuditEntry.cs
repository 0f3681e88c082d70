namespace EdgeAgent.Audit;

/// <summary>What a caller asks the audit log to append; the log adds the sequence number, time and hashes.</summary>
public sealed record AuditEntry
{
    public required AuditKind Kind { get; init; }

    /// <summary>The governed action type, e.g. <c>task.reassign</c>; <c>governance.rights</c> for a matrix change.</summary>
    public required string ActionType { get; init; }

    /// <summary>The audit sequence number of the decision a human action or a time-out refers to.</summary>
    public long? DecisionSeq { get; init; }

    public string? Trigger { get; init; }

    /// <summary>The inputs used, as JSON.</summary>
    public string? Inputs { get; init; }

    /// <summary>The model or rule that decided, with its version; null for human actions.</summary>
    public string? Method { get; init; }

    public string? MethodVersion { get; init; }

    public double? Confidence { get; init; }

    public bool Fallback { get; init; }

    /// <summary>The decision right applied: <c>automated</c>, <c>assisted</c> or <c>human-only</c>.</summary>
    public string? Right { get; init; }

    /// <summary>Which scope of the right matched (<c>default</c> when none did).</summary>
    public string? Scope { get; init; }

    public double? Threshold { get; init; }

    /// <summary><c>system</c> or the operator's name.</summary>
    public required string Actor { get; init; }

    /// <summary>What happened: <c>execute</c>, <c>await-approval</c>, <c>recommend-only</c>, <c>approved</c>, <c>timed-out</c>…</summary>
    public required string Verdict { get; init; }

    /// <summary>The outcome, as JSON.</summary>
    public string? Outcome { get; init; }

    /// <summary>Why, in words: a reason given by an operator, or what the system did and why.</summary>
    public string? Reason { get; init; }
}
