namespace EdgeAgent.Exceptions;

/// <summary>The exception triage (section <c>Exceptions</c>): the classification table, the teams, the resolution codes.</summary>
public sealed class ExceptionOptions
{
    public const string Section = "Exceptions";
    public const string AutoCleared = "auto-cleared";

    /// <summary>Every type the triage raises, with its defaults; a site file overrides single fields.</summary>
    public Dictionary<string, ExceptionTypeOptions> Types { get; set; } = ExceptionDefaults.Types();

    /// <summary>The queues exceptions are routed to; empty means the defaults.</summary>
    public List<string> Teams { get; set; } = [];

    /// <summary>The codes a resolution may carry; empty means the defaults. Must include <c>auto-cleared</c>.</summary>
    public List<string> ResolutionCodes { get; set; } = [];

    /// <summary>How often the sweeper looks for SLAs that ran out: an escalation is at most this late.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    public BridgeWatchOptions Bridge { get; set; } = new();
}
