using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace EdgeAgent.Kpis;

/// <summary>KPIs over time (section <c>Kpis</c>): the bucket size, how long buckets are kept, and the shifts.</summary>
public sealed class KpiOptions : IValidatableObject
{
    public const string Section = "Kpis";

    /// <summary>Minutes per stored bucket: 5, 10, 15, 30 or 60. Default 15.</summary>
    public int BucketMinutes { get; set; } = 15;

    /// <summary>Days of buckets kept; at least 8 (the 7-day view plus today). Default 8.</summary>
    [Range(8, 400, ErrorMessage = "Kpis:KeepDays must be 8-400")]
    public int KeepDays { get; set; } = 8;

    /// <summary>Local start times of the shifts, e.g. "06:00", "14:00", "22:00" (the default); each on a bucket boundary.</summary>
    public List<string> Shifts { get; } = [];

    /// <summary>The site's time zone for shifts and days (an IANA id such as "Europe/Berlin"); the gateway's own zone when empty.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The shift starts as times of day, sorted; the default three shifts when none are configured.</summary>
    public IReadOnlyList<TimeSpan> ShiftStarts() =>
        (Shifts.Count == 0 ? ["06:00", "14:00", "22:00"] : Shifts)
        .Select(s => TimeSpan.ParseExact(s, "hh\\:mm", CultureInfo.InvariantCulture)).Order().ToList();

    public TimeZoneInfo Zone(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return string.IsNullOrWhiteSpace(TimeZone) ? time.LocalTimeZone : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BucketMinutes is not (5 or 10 or 15 or 30 or 60))
        {
            yield return new ValidationResult($"{Section}:BucketMinutes must be 5, 10, 15, 30 or 60, not {BucketMinutes}", [nameof(BucketMinutes)]);
        }

        for (var i = 0; i < Shifts.Count; i++)
        {
            if (!TimeSpan.TryParseExact(Shifts[i], "hh\\:mm", CultureInfo.InvariantCulture, out var start) || start >= TimeSpan.FromDays(1))
            {
                yield return new ValidationResult($"{Section}:Shifts:{i} must be a time of day as HH:mm, not '{Shifts[i]}'", [nameof(Shifts)]);
            }
            else if (BucketMinutes is > 0 && start.Minutes % BucketMinutes != 0)
            {
                yield return new ValidationResult($"{Section}:Shifts:{i} ('{Shifts[i]}') must start on a {BucketMinutes}-minute bucket boundary", [nameof(Shifts)]);
            }
        }

        if (Shifts.Distinct(StringComparer.Ordinal).Count() != Shifts.Count)
        {
            yield return new ValidationResult($"{Section}:Shifts lists a start time twice", [nameof(Shifts)]);
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"{Section}:TimeZone '{TimeZone}' is not a time zone this system knows (use an IANA id such as Europe/Berlin)", [nameof(TimeZone)]);
        }
    }
}
