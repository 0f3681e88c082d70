using System.Threading.Channels;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Where the pick loop reads the latest plan (swapped whole, never edited, so readers need no lock) and
/// where anything that changes the floor asks for a new one.
/// </summary>
public sealed class PlanBoard
{
    // Only the newest request matters: the planner reads the whole floor each time.
    private readonly Channel<RebalanceTrigger> _requests = Channel.CreateBounded<RebalanceTrigger>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private PickPlan _current = PickPlan.Empty;

    public PickPlan Current => Volatile.Read(ref _current);

    /// <summary>Set by <c>Planning:Policy = Static</c>: no plan, no rule, open tasks go out in release order.</summary>
    public bool ReleaseOrder { get; set; }

    public ChannelReader<RebalanceTrigger> Requests => _requests.Reader;

    public void Publish(PickPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Volatile.Write(ref _current, plan);
    }

    /// <summary>Asks for a rebalance; cheap, never blocks, and harmless when asked twice.</summary>
    public void RequestReplan(RebalanceTrigger trigger) => _requests.Writer.TryWrite(trigger);
}
