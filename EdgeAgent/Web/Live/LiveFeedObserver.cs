using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Web.Live;

/// <summary>Tells the live feed that something was recorded; the feed reads it once it is committed.</summary>
public sealed class LiveFeedObserver(LiveFeed feed) : IFloorEventObserver
{
    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent) => feed.Poke();
}
