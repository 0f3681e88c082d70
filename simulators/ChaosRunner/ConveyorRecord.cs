using CloudBridge.Contract.Floor.V1;
using LiteDB;

namespace ChaosRunner;

/// <summary>
/// What one record (the agent's store, or central's lane files) holds of the conveyor's devices: each carton read's
/// event by scanner and <c>seq</c> (with central's lane sequence, for order), each gap the agent named
/// (<c>device.reads-missing</c>), each IO-Link master's last stored number (store only) and the photo-eyes'
/// <c>carton.detected</c> count (telemetry).
/// </summary>
internal sealed class ConveyorRecord
{
    public Dictionary<(string Device, long Seq), List<long>> Reads { get; } = [];

    public List<(string Family, string Device, long First, long Last)> Gaps { get; } = [];

    public Dictionary<string, long> LastNumbers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Detected { get; } = new(StringComparer.Ordinal);

    /// <summary>The label and printer events by wire name (store only): how the floor carried on around a failing printer.</summary>
    public Dictionary<string, int> Labels { get; } = new(StringComparer.Ordinal);

    private static readonly string[] ReadTypes = ["carton.scanned", "carton.unknown", "carton.no-read", "device.reads-missing", "carton.detected"];

    private static readonly string[] LabelTypes = ["label.requested", "label.printed", "label.rerouted", "label.failed", "label.duplicate", "printer.faulted", "printer.recovered", "decision.recorded"];

    public bool Named(string family, string device, long seq) =>
        Gaps.Any(g => g.Family == family && g.Device == device && g.First <= seq && seq <= g.Last);

    /// <summary>The store's view: floor events as LiteDB documents and the <c>device_sequences</c> rows.</summary>
    public static ConveyorRecord FromStore(LiteDatabase db)
    {
        var record = new ConveyorRecord();
        foreach (var doc in db.GetCollection("floor_history").Find(Query.In("Type", ReadTypes.Concat(LabelTypes).Select(t => new BsonValue(t)))))
        {
            var device = doc["DeviceId"].AsString;
            switch (doc["Type"].AsString)
            {
                case "device.reads-missing":
                    record.Gaps.Add((doc["Family"].AsString, device, doc["FirstMissing"].AsInt64, doc["LastMissing"].AsInt64));
                    break;
                case "carton.detected":
                    record.Detected[device] = record.Detected.GetValueOrDefault(device) + 1;
                    break;
                case var type when LabelTypes.Contains(type):
                    var key = type != "decision.recorded" ? type : doc["Action"].AsString == "print.reroute" ? "print.reroute-decided" : null;
                    if (key is not null)
                    {
                        record.Labels[key] = record.Labels.GetValueOrDefault(key) + 1;
                    }

                    break;
                default:
                    record.AddRead(device, doc["Seq"].AsInt64, 0);
                    break;
            }
        }

        foreach (var row in db.GetCollection("device_sequences").FindAll())
        {
            record.LastNumbers[row["_id"].AsString] = row["LastSeq"].AsInt64;
        }

        return record;
    }

    /// <summary>Adds one event from central's lane file (its lane sequence <paramref name="laneSeq"/>).</summary>
    public void Add(FloorEvent floor, long laneSeq)
    {
        switch (floor.BodyCase)
        {
            case FloorEvent.BodyOneofCase.CartonScanned or FloorEvent.BodyOneofCase.CartonUnknown or FloorEvent.BodyOneofCase.CartonNoRead:
                AddRead(floor.DeviceId, floor.Seq, laneSeq);
                break;
            case FloorEvent.BodyOneofCase.DeviceReadsMissing:
                Gaps.Add((floor.DeviceReadsMissing.Family, floor.DeviceId, floor.DeviceReadsMissing.FirstMissing, floor.DeviceReadsMissing.LastMissing));
                break;
            case FloorEvent.BodyOneofCase.CartonDetected:
                Detected[floor.DeviceId] = Detected.GetValueOrDefault(floor.DeviceId) + 1;
                break;
        }
    }

    private void AddRead(string device, long seq, long laneSeq)
    {
        if (!Reads.TryGetValue((device, seq), out var list))
        {
            Reads[(device, seq)] = list = [];
        }

        list.Add(laneSeq);
    }
}
