using System.Text.Json.Nodes;
using EdgeAgent.Events;
using EdgeAgent.Kpis;
using LiteDB;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Kpis;

/// <summary>The KPI buckets and the windows over them (this shift, today, 7 days), driven by a fake clock across a shift boundary.</summary>
public sealed class KpiSeriesTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-kpis-").FullName;
    private readonly LiteDatabase _db;
    private readonly KpiOptions _options = new() { TimeZone = "UTC" };
    private readonly KpiObserver _observer;
    private readonly FloorJournal _journal;

    public KpiSeriesTests()
    {
        _db = new LiteDatabase(Path.Combine(_directory, "kpis.db"));
        _options.Shifts.AddRange(["06:00", "14:00", "22:00"]);
        _observer = new KpiObserver(Options.Create(_options));
        _journal = new FloorJournal([_observer]);
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ShiftWindow_StartsAtTheLastShiftBoundary_AndCountsOnlyItsEvents_WhileTodayAndSevenDaysCountMore()
    {
        Decide(Day.AddDays(-3).AddHours(9), DecisionVerdict.Executed, fallback: false);
        Decide(Day.AddHours(13).AddMinutes(50), DecisionVerdict.Executed, fallback: false); // the morning shift
        Decide(Day.AddHours(14).AddMinutes(5), DecisionVerdict.Executed, fallback: true);   // the afternoon shift
        Decide(Day.AddHours(14).AddMinutes(20), DecisionVerdict.RecommendedOnly, fallback: false);
        Drift(Day.AddHours(14).AddMinutes(40), 0.31);
        var time = new FakeTimeProvider(Day.AddHours(13).AddMinutes(55));

        var morning = Series("shift", time);
        time.Advance(TimeSpan.FromMinutes(50)); // 14:45, past the 14:00 boundary
        var afternoon = Series("shift", time);
        var today = Series("today", time);
        var week = Series("7d", time);

        Assert.Equal(Day.AddHours(6).UtcDateTime.ToString("O"), (string?)morning["from"]);
        Assert.Equal(1L, (long)morning["totals"]!["touchesAvoided"]!);
        Assert.Equal(Day.AddHours(14).UtcDateTime.ToString("O"), (string?)afternoon["from"]);
        Assert.Equal(15, (int)afternoon["bucketMinutes"]!);
        Assert.Equal(1L, (long)afternoon["totals"]!["touchesAvoided"]!);
        Assert.Equal(1L, (long)afternoon["totals"]!["manualTouches"]!);
        Assert.Equal(1.0, (double)afternoon["totals"]!["fallbackRate"]!);
        Assert.Equal(0.31, (double)afternoon["totals"]!["drift"]!);
        Assert.Equal(2L, (long)today["totals"]!["touchesAvoided"]!);
        Assert.Equal(3L, (long)week["totals"]!["touchesAvoided"]!);
        Assert.Equal(60, (int)week["bucketMinutes"]!);
        Assert.Equal(KpiSeries.Names, afternoon["series"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void SeriesPoints_AreOnePerBucket_WithTheBucketsValues_AndNullWhereARateHasNoDenominator()
    {
        Decide(Day.AddHours(14).AddMinutes(5), DecisionVerdict.Executed, fallback: true);
        Decide(Day.AddHours(14).AddMinutes(35), DecisionVerdict.Executed, fallback: false);
        var time = new FakeTimeProvider(Day.AddHours(14).AddMinutes(44));

        var shift = Series("shift", time);
        var touchesAvoided = shift["series"]!["touchesAvoided"]!.AsArray();
        var fallback = shift["series"]!["fallbackRate"]!.AsArray();

        var start = Day.AddHours(14).ToUnixTimeSeconds();
        Assert.Equal([start, start + 900, start + 1800], touchesAvoided.Select(p => (long)p![0]!));
        Assert.Equal([1.0, 0.0, 1.0], touchesAvoided.Select(p => (double)p![1]!));
        Assert.Equal([1.0, null, 0.0], fallback.Select(p => (double?)p![1]));
    }

    [Fact]
    public void Buckets_OlderThanTheKeptDays_AreForgotten_WhenANewBucketStarts()
    {
        Decide(Day.AddDays(-20), DecisionVerdict.Executed, fallback: false);
        Decide(Day, DecisionVerdict.Executed, fallback: false);

        var kept = _db.GetCollection<KpiBucket>(KpiBucket.Collection).FindAll().Select(b => b.Id).ToList();

        Assert.Equal([Day.ToUnixTimeSeconds()], kept);
    }

    [Theory]
    [InlineData("25:00", 15, "Kpis:Shifts:0 must be a time of day as HH:mm")]
    [InlineData("06:10", 15, "must start on a 15-minute bucket boundary")]
    [InlineData("06:00", 7, "Kpis:BucketMinutes must be 5, 10, 15, 30 or 60")]
    public void BadOptions_AreRefused_NamingTheKey(string shift, int bucketMinutes, string says)
    {
        var options = new KpiOptions { BucketMinutes = bucketMinutes };
        options.Shifts.Add(shift);

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Contains(problems, p => p!.Contains(says, StringComparison.Ordinal));
    }

    private JsonObject Series(string range, TimeProvider time)
    {
        var (from, to) = KpiSeries.Window(range, _options, time)!.Value;
        return KpiSeries.Build(_db, _options, range, from, to);
    }

    private void Decide(DateTimeOffset at, DecisionVerdict verdict, bool fallback) =>
        _observer.Observe(_db, _journal, new DecisionRecorded { At = at.UtcDateTime, DeviceId = "gateway", Action = "task.assign", Verdict = verdict, Fallback = fallback });

    private void Drift(DateTimeOffset at, double drift) =>
        _observer.Observe(_db, _journal, new ModelDriftAlarm { At = at.UtcDateTime, DeviceId = "gateway", Signal = "pick-time", Drift = drift });
}
