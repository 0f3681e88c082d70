using LiteDB;

namespace ChaosRunner;

/// <summary>The conveyor's line: carton reads and sensor edges the devices were acknowledged, against the agent's store.</summary>
internal sealed record ConveyorVerdict(int Reads, int ReadsStored, int ReadsReported, int ReadsLost, int ReadsDuplicated, int Edges, int EdgesStored, int EdgesReported, int EdgesLost)
{
    /// <summary>Nothing acknowledged vanished unnoticed: each read and each edge is stored, or inside a gap the agent reported.</summary>
    public bool Passed => ReadsLost == 0 && ReadsDuplicated == 0 && EdgesLost == 0 && Reads > 0 && Edges > 0;

    public override string ToString() =>
        $"carton_reads={Reads} stored={ReadsStored} reported_missing={ReadsReported} lost={ReadsLost} duplicated={ReadsDuplicated} sensor_edges={Edges} stored={EdgesStored} reported_missing={EdgesReported} lost={EdgesLost}";
}

/// <summary>
/// Counts the conveyor load from the devices' own record of what the broker acknowledged and the agent's store file
/// (read with LiteDB after the agent is dead). A read is stored when a <c>carton.*</c> event carries its scanner and
/// seq; an edge pulse (a carton passing the IO-Link eye) when a <c>carton.detected</c> of that eye stands for it.
/// One the agent lost (the embedded broker dies with a killed agent) must lie in a <c>device.reads-missing</c> range
/// of its device: a reported loss, with its exception case; anything else is lost unnoticed.
/// </summary>
internal static class ConveyorReconciler
{
    private static readonly string[] CartonTypes = ["carton.scanned", "carton.unknown", "carton.no-read"];

    public static ConveyorVerdict Count(ConveyorLoad load, string agentData, TextWriter report)
    {
        using var db = new LiteDatabase($"Filename={Path.Combine(agentData, "edgeagent.db")};Connection=direct;ReadOnly=true");
        var history = db.GetCollection("floor_history");
        var readsBySeq = history.Find(Query.In("Type", CartonTypes.Select(t => new BsonValue(t))))
            .Where(d => d["DeviceId"].AsString == ConveyorLoad.ScannerId)
            .GroupBy(d => d["Seq"].AsInt64)
            .ToDictionary(g => g.Key, g => g.Count());
        var gaps = history.Find(Query.EQ("Type", "device.reads-missing"))
            .Select(d => (Device: d["DeviceId"].AsString, First: d["FirstMissing"].AsInt64, Last: d["LastMissing"].AsInt64))
            .ToList();
        bool Reported(string device, long seq) => gaps.Any(g => g.Device == device && g.First <= seq && seq <= g.Last);

        int stored = 0, reported = 0, lost = 0, duplicated = 0;
        foreach (var seq in load.AckedReads)
        {
            var count = readsBySeq.GetValueOrDefault(seq);
            if (count > 0)
            {
                stored++;
            }
            else if (Reported(ConveyorLoad.ScannerId, seq))
            {
                reported++;
            }
            else
            {
                lost++;
                report.WriteLine($"LOST carton read {ConveyorLoad.ScannerId} #{seq}: not in the store and in no reported gap");
            }

            if (count > 1)
            {
                duplicated++;
                report.WriteLine($"DUPLICATE carton read {ConveyorLoad.ScannerId} #{seq}: {count} events");
            }
        }

        // Edges carry no number into the store: count the pulses. A pulse with a message in a reported gap may or may
        // not have made a carton.detected (its other edge arrived); the rest must each have made one.
        var detected = history.Find(Query.EQ("Type", "carton.detected")).Count(d => d["DeviceId"].AsString == ConveyorLoad.EyeName);
        var pulses = load.AckedPulses.Count;
        var inGaps = load.AckedPulses.Count(p => Reported(ConveyorLoad.MasterId, p.Rise) || Reported(ConveyorLoad.MasterId, p.Fall));
        var edgesStored = Math.Min(detected, pulses);
        var edgesLost = Math.Max(0, pulses - inGaps - detected);
        if (edgesLost > 0)
        {
            report.WriteLine($"LOST sensor edges {ConveyorLoad.MasterId}/{ConveyorLoad.EyeName}: {pulses} pulses acknowledged, {detected} carton.detected, {inGaps} in reported gaps");
        }

        report.WriteLine($"conveyor: {gaps.Count} reported gaps ({string.Join(", ", gaps.Select(g => $"{g.Device} {g.First}-{g.Last}"))})");
        return new ConveyorVerdict(load.AckedReads.Count, stored, reported, lost, duplicated, pulses, edgesStored, inGaps, edgesLost);
    }
}
