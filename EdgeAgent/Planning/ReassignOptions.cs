using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Planning;

/// <summary>When the planner proposes moving a task a picker holds (section <c>Planning:Reassign</c>).</summary>
public sealed class ReassignOptions
{
    public const string Section = "Planning:Reassign";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the tasks in pickers' hands are looked at.</summary>
    [Range(1, 3_600, ErrorMessage = "Planning:Reassign:CheckSeconds must be between 1 and 3600")]
    public int CheckSeconds { get; set; } = 5;

    /// <summary>How long a holder's handheld must have been silent before the task counts as abandoned: a page reload, a Wi-Fi roam or an agent restart is not an absence.</summary>
    [Range(0, 3_600, ErrorMessage = "Planning:Reassign:AbsentAfterSeconds must be between 0 and 3600")]
    public int AbsentAfterSeconds { get; set; } = 30;

    /// <summary>A picker is behind once a task has taken this many times its expected pick time.</summary>
    [Range(1.0, 100.0, ErrorMessage = "Planning:Reassign:BehindFactor must be between 1 and 100")]
    public double BehindFactor { get; set; } = 2.0;

    /// <summary>The late risk (projected time the holder still needs over the time left to the cut-off) past which a move is proposed.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Planning:Reassign:LateRiskThreshold must be between 0 and 1")]
    public double LateRiskThreshold { get; set; } = 0.5;

    /// <summary>Expected pick time when the model made no prediction for the task (the rule assigned it).</summary>
    [Range(1, 3_600, ErrorMessage = "Planning:Reassign:DefaultPickSeconds must be between 1 and 3600")]
    public double DefaultPickSeconds { get; set; } = 90;

    /// <summary>Picker walking speed for the travel part of the gain, metres per second.</summary>
    [Range(0.1, 5.0, ErrorMessage = "Planning:Reassign:WalkMetresPerSecond must be between 0.1 and 5")]
    public double WalkMetresPerSecond { get; set; } = 1.2;
}
