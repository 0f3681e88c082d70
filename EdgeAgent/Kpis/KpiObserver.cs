using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Kpis;

/// <summary>
/// Keeps the KPI state in the store, folded forward in the transaction of each event that moves it, so KPIs survive
/// restarts and never drift from the events: the all-time totals, and the same fold per time bucket of the event's time.
/// </summary>
public sealed class KpiObserver
    : IFloorEventObserver
{
    public const string Collection = "kpis";

    private readonly KpiOptions _options;

    public KpiObserver()
        : this(Options.Create(new KpiOptions()))
    {
    }

    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
    public KpiObserver(IOptions<KpiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public static KpiState Load(LiteDatabase db) =>
        db.GetCollection<KpiState>(Collection).FindById(KpiState.LedgerId) ?? new KpiState();

    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(floorEvent);
        var drift = floorEvent as ModelDriftAlarm;
        if (!KpiLedger.Counts(floorEvent) && drift is null)
        {
            return;
        }

        var floor = new FloorCollections(db, journal);
        var moved = false;
        if (KpiLedger.Counts(floorEvent))
        {
            var state = Load(db);
            if (KpiLedger.Apply(state, floorEvent, floor))
            {
                db.GetCollection<KpiState>(Collection).Upsert(state);
                moved = true;
            }
        }

        if (!moved && drift is null)
        {
            return;
        }

        var buckets = new KpiBuckets(db, _options);
        var bucket = buckets.For(floorEvent.At);
        if (moved)
        {
            KpiLedger.Apply(bucket.State, floorEvent, floor);
        }

        if (drift is not null)
        {
            bucket.DriftAlarms++;
            bucket.DriftMax = Math.Max(bucket.DriftMax ?? double.MinValue, drift.Drift);
        }

        buckets.Save(bucket);
    }
}
