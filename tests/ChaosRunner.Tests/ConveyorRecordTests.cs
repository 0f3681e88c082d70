using ChaosRunner;
using LiteDB;

namespace ChaosRunner.Tests;

public sealed class ConveyorRecordTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chaos-record-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FromStore_ReadsCartonEvents_NamedGaps_MastersNumbers_AndLabelOutcomes()
    {
        // Documents shaped as the agent's store holds them (floor_history: the event's properties; device_sequences rows).
        using (var db = new LiteDatabase(Path.Combine(_directory, "edgeagent.db")))
        {
            var history = db.GetCollection("floor_history");
            history.Insert(new BsonDocument { ["Type"] = "carton.unknown", ["DeviceId"] = "SCN-1", ["Seq"] = 1L, ["Sscc"] = "006141410000000001" });
            history.Insert(new BsonDocument { ["Type"] = "carton.no-read", ["DeviceId"] = "SCN-1", ["Seq"] = 2L, ["Reason"] = "bad-length" });
            history.Insert(new BsonDocument { ["Type"] = "device.reads-missing", ["DeviceId"] = "iol-1", ["Seq"] = 7L, ["Family"] = "iolink", ["FirstMissing"] = 5L, ["LastMissing"] = 6L });
            history.Insert(new BsonDocument { ["Type"] = "carton.detected", ["DeviceId"] = "iol-1-eye1", ["Seq"] = 0L });
            history.Insert(new BsonDocument { ["Type"] = "label.printed", ["DeviceId"] = "zebra-1", ["Seq"] = 0L });
            history.Insert(new BsonDocument { ["Type"] = "decision.recorded", ["DeviceId"] = "governance", ["Seq"] = 3L, ["Action"] = "print.reroute" });
            history.Insert(new BsonDocument { ["Type"] = "task.picked", ["DeviceId"] = "hh-1", ["Seq"] = 9L, ["TaskId"] = "T1" });
            db.GetCollection("device_sequences").Insert(new BsonDocument { ["_id"] = "iolink/iol-1", ["LastSeq"] = 7L });
        }

        using var read = new LiteDatabase($"Filename={Path.Combine(_directory, "edgeagent.db")};ReadOnly=true");
        var record = ConveyorRecord.FromStore(read);

        Assert.Equal([("SCN-1", 1L), ("SCN-1", 2L)], record.Reads.Keys.Order());
        Assert.True(record.Named("iolink", "iol-1", 6));
        Assert.False(record.Named("scanner", "iol-1", 6));
        Assert.Equal(7, record.LastNumbers["iolink/iol-1"]);
        Assert.Equal(1, record.Detected["iol-1-eye1"]);
        Assert.Equal(1, record.Labels["label.printed"]);
        Assert.Equal(1, record.Labels["print.reroute-decided"]);
    }
}
