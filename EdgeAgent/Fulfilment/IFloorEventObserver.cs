namespace EdgeAgent.Fulfilment;

/// <summary>Something that must see every recorded floor event inside the transaction that stores it.</summary>
/// <remarks>
/// Runs inside a store write: pure database work only, and it may run again if the writer retries the
/// group. It may record further events on <paramref name="floor"/>; those are observed too, so an
/// observer must never record an event of a type it reacts to.
/// </remarks>
public interface IFloorEventObserver
{
    void Observe(FloorCollections floor, FloorEvent floorEvent);
}
