using EdgeAgent.Fulfilment;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

/// <summary>
/// Turns problem events into deduplicated, classified, routed exceptions, in the transaction that records
/// the event: an exception exists exactly for the events that were stored.
/// </summary>
public sealed class ExceptionTriage(IOptions<ExceptionOptions> options) : IFloorEventObserver
{
    private readonly ExceptionOptions _options = options.Value;

    public void Observe(FloorCollections floor, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(floorEvent);
        foreach (var step in ExceptionRules.For(floorEvent, floor))
        {
            if (step.Verb != TriageVerb.Raise)
            {
                ExceptionBook.Clear(floor, step, floorEvent.At);
            }
            else if (_options.Types.TryGetValue(step.Type, out var row))
            {
                ExceptionBook.Raise(floor, row, step, floorEvent);
            }
        }
    }
}
