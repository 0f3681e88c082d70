using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Web.Live;

/// <summary>Tells the live feed that something was recorded; the feed reads it once it is committed.</summary>
public sealed class LiveFeedObserver(LiveFeedSignal signal) : IFloorEventObserver
{
    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent) => signal.Poke();
}
