using LiteDB;

namespace EdgeAgent.Kpis;

/// <summary>
/// The KPI totals of one time bucket (collection <c>kpi_buckets</c>, id = the bucket's start in Unix seconds), folded
/// by the same ledger as the all-time totals, from the events whose time falls in it.
/// </summary>
public sealed class KpiBucket
{
    public const string Collection = "kpi_buckets";

    [BsonId(false)]
    public long Id { get; set; }

    public KpiState State { get; set; } = new();

    /// <summary><c>model.drift-alarm</c> events in the bucket.</summary>
    public long DriftAlarms { get; set; }

    /// <summary>The largest drift an alarm reported in the bucket.</summary>
    public double? DriftMax { get; set; }
}
