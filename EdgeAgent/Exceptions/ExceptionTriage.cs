using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

/// <summary>
/// Turns problem events into deduplicated, classified, routed exceptions, in the transaction that records
/// the event: an exception exists exactly for the events that were stored.
/// </summary>
public sealed class ExceptionTriage(IOptions<ExceptionOptions> options) : IFloorEventObserver
{
    private readonly ExceptionOptions _options = options.Value;

    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(floorEvent);
        FloorCollections? floor = null;
        if (floorEvent is ApprovalDecided { Action: Governance.ActionTypes.ExceptionEscalate, Outcome: ApprovalOutcome.Rejected or ApprovalOutcome.TimedOut } refused)
        {
            ExceptionBook.Rearm(new FloorCollections(db, journal), refused.DecisionSeq, _options.Types, refused.At);
        }

        foreach (var step in ExceptionRules.For(floorEvent))
        {
            floor ??= new FloorCollections(db, journal);
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
