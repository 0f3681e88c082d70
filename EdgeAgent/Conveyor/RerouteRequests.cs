using System.Text.Json;
using System.Threading.Channels;
using EdgeAgent.Events;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Conveyor;

/// <summary>
/// Carries each decided <c>print.reroute</c> (automated, approved, edited or carried out by a person: the gate
/// hands it off as <c>governance.handoff</c>) from the store's writer to the line, which moves the printer's
/// queue once the decision is written. A channel, because an observer must not block the writer.
/// </summary>
public sealed class RerouteRequests : IFloorEventObserver
{
    // Unbounded: a reroute is rare (one per printer fault) and must not be dropped.
    private readonly Channel<(string FromPrinter, long DecisionSeq)> _requests = Channel.CreateUnbounded<(string, long)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<(string FromPrinter, long DecisionSeq)> Reader => _requests.Reader;

    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent)
    {
        if (floorEvent is DecisionHandedOff { Action: ActionTypes.PrintReroute } handOff && FromPrinter(handOff.OutcomeJson) is { } printer)
        {
            _requests.Writer.TryWrite((printer, handOff.DecisionSeq));
        }
    }

    /// <summary>The printer a <c>print.reroute</c> outcome moves jobs off: <c>{"fromPrinter":"zebra-1"}</c>.</summary>
    public static string? FromPrinter(string outcomeJson)
    {
        try
        {
            using var outcome = JsonDocument.Parse(outcomeJson);
            return outcome.RootElement.ValueKind == JsonValueKind.Object && outcome.RootElement.TryGetProperty("fromPrinter", out var from) && from.ValueKind == JsonValueKind.String
                ? from.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
