namespace EdgeAgent.Kpis;

/// <summary>One governed action type's decisions by how they ended: automated, assisted (approved, edited, rejected, timed out), recommended, overridden.</summary>
public sealed class ActionOutcomes
{
    public long Decisions { get; set; }

    /// <summary>Carried out by the agent on its own.</summary>
    public long Automated { get; set; }

    /// <summary>Queued for a supervisor (assisted, or automated under its confidence threshold).</summary>
    public long Assisted { get; set; }

    public long LowConfidence { get; set; }

    /// <summary>Recommended only: human-only, or automation paused.</summary>
    public long Recommended { get; set; }

    public long Approved { get; set; }

    public long Edited { get; set; }

    public long Rejected { get; set; }

    public long TimedOut { get; set; }

    /// <summary>Automated decisions a person overrode afterwards.</summary>
    public long Overridden { get; set; }
}
