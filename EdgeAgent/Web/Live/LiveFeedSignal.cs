using System.Threading.Channels;

namespace EdgeAgent.Web.Live;

/// <summary>
/// "Something was recorded": the poke from the journal's observer to the live feed. A singleton of its own, so
/// the feed may depend on parts that record events themselves (the conveyor line) without a cycle.
/// </summary>
public sealed class LiveFeedSignal
{
    private readonly Channel<bool> _poke = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Never blocks (the journal calls it inside a store write); pokes before the feed looks are one.</summary>
    public void Poke() => _poke.Writer.TryWrite(true);

    internal ChannelReader<bool> Reader => _poke.Reader;
}
