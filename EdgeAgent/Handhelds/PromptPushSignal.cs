using System.Threading.Channels;
using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Handhelds;

/// <summary>
/// Notices, in the write that records them, the floor events that can change what an idle or waiting picker
/// should be shown (work released, an approval decided, a task moved, automation resumed, …) and wakes the
/// <see cref="PromptPusher"/>. Many events in a burst make one wake-up.
/// </summary>
public sealed class PromptPushSignal : IFloorEventObserver
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    internal ChannelReader<bool> Wakes => _wake.Reader;

    /// <summary>Whether an event of this type can change a logged-in picker's screen without their asking.</summary>
    public static bool Changes(FloorEvent floorEvent) => floorEvent is TasksReleased or ApprovalDecided or TaskReassigned
        or AutomationResumed or DecisionExecutedByHand or DecisionOverridden or FloorUnblocked or OrderHoldReleased
        or PlanningReenabled or PickerLoggedOut;

    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        if (Changes(floorEvent))
        {
            // The pusher's own write queues behind this one, so it sees the change once it is committed.
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Wakes the pusher without an event (tests, a change made outside the journal).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);
}
