namespace EdgeAgent.Governance;

/// <summary>A kill switch that is on: automation stopped for one zone or one action type (collection <c>automation_pauses</c>).</summary>
public sealed class AutomationPause
{
    /// <summary><c>zone:&lt;ZONE&gt;</c> or <c>action:&lt;type&gt;</c>.</summary>
    public string Id { get; set; } = "";

    public PauseTarget Target { get; set; }

    public string Name { get; set; } = "";

    public string PausedBy { get; set; } = "";

    public DateTime PausedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>The audit record of the pause.</summary>
    public long AuditSeq { get; set; }

    public static string Key(PauseTarget target, string name) =>
        target == PauseTarget.Zone ? "zone:" + name.Trim().ToUpperInvariant() : "action:" + name.Trim();
}
