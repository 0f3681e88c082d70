using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatabase = LiteDB.LiteDatabase;

namespace EdgeAgent.Kpis;

/// <summary>
/// The KPIs of one window (this shift, today, the last 7 days) from the stored buckets: the window's totals with the
/// names of <see cref="KpiReport"/>, and a series per KPI (one point per step, null where a rate has nothing to divide by).
/// </summary>
public static class KpiSeries
{
    /// <summary>The series names, as <c>GET /api/kpis/series</c> returns them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["touches", "touchesAvoided", "exceptionResolutionSeconds", "orderCycleSeconds", "onTimeRate", "fillRate", "overrideRate", "lowConfidenceShare", "fallbackRate", "drift"];

    public static readonly IReadOnlyList<string> Ranges = ["shift", "today", "7d"];

    /// <summary>The window of <paramref name="range"/> ending now, in UTC; null for an unknown range.</summary>
    public static (DateTimeOffset From, DateTimeOffset To)? Window(string? range, KpiOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var zone = options.Zone(time);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        return range switch
        {
            "shift" => (ShiftStart(now, today, options.ShiftStarts(), zone), now),
            "today" => (Utc(today, zone), now),
            "7d" => (Utc(today.AddDays(-6), zone), now),
            _ => null,
        };
    }

    /// <summary>The window's totals and series; the step is the bucket size, or an hour for windows longer than a day.</summary>
    public static JsonObject Build(LiteDatabase db, KpiOptions options, string range, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(options);
        var step = (to - from) > TimeSpan.FromDays(1) ? Math.Max(60, options.BucketMinutes) : options.BucketMinutes;
        var start = KpiBuckets.StartOf(from, options.BucketMinutes);
        var end = to.ToUnixTimeSeconds();
        var buckets = new KpiBuckets(db, options).Range(start, end + 1);
        var total = new KpiBucket();
        var series = Names.ToDictionary(n => n, _ => new JsonArray(), StringComparer.Ordinal);
        for (var t = KpiBuckets.StartOf(from, step); t <= end; t += step * 60L)
        {
            var group = new KpiBucket { Id = t };
            foreach (var bucket in buckets.Where(b => b.Id >= t && b.Id < t + (step * 60L)))
            {
                Add(group, bucket);
                Add(total, bucket);
            }

            foreach (var (name, value) in Values(group))
            {
                series[name].Add(new JsonArray(JsonValue.Create(t), value is null ? null : JsonValue.Create(value.Value)));
            }
        }

        var totals = JsonSerializer.SerializeToNode(KpiReport.From(total.State), JsonSerializerOptions.Web)!.AsObject();
        totals["drift"] = total.DriftMax is { } max ? JsonValue.Create(max) : null;
        totals["driftAlarms"] = total.DriftAlarms;
        var seriesNode = new JsonObject();
        foreach (var name in Names)
        {
            seriesNode[name] = series[name];
        }

        return new JsonObject
        {
            ["range"] = range,
            ["from"] = from.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = to.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["bucketMinutes"] = step,
            ["totals"] = totals,
            ["series"] = seriesNode,
        };
    }

    private static void Add(KpiBucket into, KpiBucket bucket)
    {
        into.State.Add(bucket.State);
        into.DriftAlarms += bucket.DriftAlarms;
        if (bucket.DriftMax is { } drift)
        {
            into.DriftMax = Math.Max(into.DriftMax ?? double.MinValue, drift);
        }
    }

    private static IEnumerable<(string Name, double? Value)> Values(KpiBucket b)
    {
        var r = KpiReport.From(b.State);
        var resolved = b.State.ResolutionByTeam.Values.Sum(s => s.Count);
        yield return ("touches", r.ManualTouches);
        yield return ("touchesAvoided", r.TouchesAvoided);
        yield return ("exceptionResolutionSeconds", resolved == 0 ? null : b.State.ResolutionByTeam.Values.Sum(s => s.TotalSeconds) / resolved);
        yield return ("orderCycleSeconds", r.OrderCycleMeanSeconds);
        yield return ("onTimeRate", r.OnTimeRate);
        yield return ("fillRate", r.UnitFillRate);
        yield return ("overrideRate", r.OverrideRate);
        yield return ("lowConfidenceShare", r.LowConfidenceShare);
        yield return ("fallbackRate", r.FallbackRate);
        yield return ("drift", b.DriftMax);
    }

    private static DateTimeOffset ShiftStart(DateTimeOffset now, DateTime today, IReadOnlyList<TimeSpan> starts, TimeZoneInfo zone) =>
        new[] { today.AddDays(-1), today }
            .SelectMany(day => starts.Select(s => Utc(day + s, zone)))
            .Where(s => s <= now)
            .Max();

    private static DateTimeOffset Utc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }
}
