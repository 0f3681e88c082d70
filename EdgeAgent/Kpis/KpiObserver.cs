using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using LiteDB;

namespace EdgeAgent.Kpis;

/// <summary>Keeps the KPI state in the store, folded forward in the transaction of each event that moves it, so KPIs survive restarts and never drift from the events.</summary>
public sealed class KpiObserver : IFloorEventObserver
{
    public const string Collection = "kpis";

    public static KpiState Load(LiteDatabase db) =>
        db.GetCollection<KpiState>(Collection).FindById(KpiState.LedgerId) ?? new KpiState();

    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(floorEvent);
        if (!KpiLedger.Counts(floorEvent))
        {
            return;
        }

        var state = Load(db);
        if (KpiLedger.Apply(state, floorEvent, new FloorCollections(db, journal)))
        {
            db.GetCollection<KpiState>(Collection).Upsert(state);
        }
    }
}
