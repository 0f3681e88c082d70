namespace EdgeAgent.Exceptions;

/// <summary>One exception in a team's queue: every occurrence of the same problem (its dedup key) until it is resolved.</summary>
public sealed class ExceptionCase
{
    public long Id { get; set; }

    /// <summary>The classification table's key, e.g. <c>sensor.jam</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>What the problem is about: a sensor, a printer, <c>SKU@location</c>, <c>picker/task</c>.</summary>
    public string Subject { get; set; } = "";

    /// <summary><c>type|subject</c>: at most one unresolved case per key.</summary>
    public string DedupKey { get; set; } = "";

    /// <summary>The dedup key while unresolved, null after: the index the triage looks cases up by.</summary>
    public string? OpenKey { get; set; }

    public ExceptionSeverity Severity { get; set; }

    /// <summary>The owning team, from the classification table.</summary>
    public string Team { get; set; } = "";

    /// <summary>Whose queue it is in now: the team, or who it was escalated to.</summary>
    public string Queue { get; set; } = "";

    public int Level { get; set; }

    public ExceptionStatus Status { get; set; }

    public int Occurrences { get; set; }

    public DateTime FirstSeen { get; set; }

    public DateTime LastSeen { get; set; }

    public string LastDetail { get; set; } = "";

    public string? DeviceId { get; set; }

    public string? PickerId { get; set; }

    public string? TaskId { get; set; }

    /// <summary>When it reached its threshold and went to its queue.</summary>
    public DateTime? OpenedAt { get; set; }

    /// <summary>When the SLA runs out and it escalates; null when no clock runs.</summary>
    public DateTime? DueAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolutionCode { get; set; }

    public string? ResolutionNote { get; set; }

    /// <summary>The escalation decision waiting for a supervisor (its audit sequence number); the SLA timer is stopped meanwhile.</summary>
    public long? PendingEscalation { get; set; }

    /// <summary>When the case must be resolved by (its type's resolve SLA from opening); null when the type has none.</summary>
    public DateTime? ResolveBy { get; set; }
}
