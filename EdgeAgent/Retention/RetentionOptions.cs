using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Retention;

/// <summary>
/// How long the gateway keeps what central has acknowledged (section <c>Store:Retention</c>, validated at start-up).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Store:Retention";

    /// <summary>Off: the gateway keeps everything (the file grows without bound).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Floor events, finished tasks and audit records older than this many days leave the gateway once central has
    /// acknowledged them. Default 30.
    /// </summary>
    [Range(1, 3650, ErrorMessage = "Store:Retention:MaxAgeDays must be between 1 and 3650 days.")]
    public int MaxAgeDays { get; set; } = 30;

    /// <summary>How often a retention pass runs, in minutes. Default 60.</summary>
    [Range(1, 10_080, ErrorMessage = "Store:Retention:CheckMinutes must be between 1 and 10080 (a week).")]
    public int CheckMinutes { get; set; } = 60;

    /// <summary>Most documents one store write of a pass removes, so the floor's own writes wait at most one such write.</summary>
    [Range(10, 100_000, ErrorMessage = "Store:Retention:BatchSize must be between 10 and 100000.")]
    public int BatchSize { get; set; } = 2_000;

    internal TimeSpan MaxAge => TimeSpan.FromDays(MaxAgeDays);

    internal TimeSpan CheckInterval => TimeSpan.FromMinutes(CheckMinutes);
}
