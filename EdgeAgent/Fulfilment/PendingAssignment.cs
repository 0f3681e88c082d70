namespace EdgeAgent.Fulfilment;

/// <summary>A next-task decision a person has to make: its audit sequence number, the zone and the suggestion.</summary>
public sealed class PendingAssignment
{
    public long DecisionSeq { get; set; }

    public string Zone { get; set; } = "";

    public string TaskId { get; set; } = "";

    public string Location { get; set; } = "";

    /// <summary>True while an approval is queued; false when the decision was recommend-only.</summary>
    public bool Approval { get; set; }

    /// <summary>
    /// Who decided it while the picker was at the pick face of other work the agent gave them meanwhile; null until then.
    /// The task is theirs from that moment (assigned to them) and becomes their current one when that work is done.
    /// </summary>
    public string? DecidedBy { get; set; }
}
