namespace EdgeAgent.Exceptions;

/// <summary>One row of the classification table (<c>Exceptions:Types:&lt;type&gt;</c>).</summary>
public sealed class ExceptionTypeOptions
{
    public ExceptionSeverity Severity { get; set; } = ExceptionSeverity.Medium;

    /// <summary>The owning team; one of <c>Exceptions:Teams</c>.</summary>
    public string Team { get; set; } = "";

    /// <summary>Time to acknowledge at each level before it escalates.</summary>
    public TimeSpan Sla { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Time from opening to resolution; an acknowledged case still open past it escalates like an unacknowledged
    /// one past <see cref="Sla"/>. None (the default): acknowledging stops the clock.
    /// </summary>
    public TimeSpan? ResolveSla { get; set; }

    /// <summary>Who it goes to at each escalation, comma-separated in order (a team or a role); empty never escalates.</summary>
    public string EscalateTo { get; set; } = "";

    /// <summary>Occurrences before it is routed (a single wrong location is usually corrected at once).</summary>
    public int Threshold { get; set; } = 1;

    internal string[] EscalationChain =>
        EscalateTo.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
