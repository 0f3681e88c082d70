using EdgeAgent.Fulfilment;
using LiteDB;

namespace EdgeAgent.Kpis;

/// <summary>Keeps the KPI state in the store, folded forward in the transaction of each event that moves it, so KPIs survive restarts and never drift from the events.</summary>
public sealed class KpiObserver : IFloorEventObserver
{
    public const string Collection = "kpis";

    public static KpiState Load(LiteDatabase db) =>
        db.GetCollection<KpiState>(Collection).FindById(KpiState.LedgerId) ?? new KpiState();

    public void Observe(FloorCollections floor, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(floorEvent);
        if (!KpiLedger.Counts(floorEvent.Type))
        {
            return;
        }

        var state = Load(floor.Database);
        if (KpiLedger.Apply(state, floorEvent, floor))
        {
            floor.Database.GetCollection<KpiState>(Collection).Upsert(state);
        }
    }
}
