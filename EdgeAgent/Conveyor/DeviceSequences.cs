using EdgeAgent.Fulfilment;
using LiteDB;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Conveyor;

/// <summary>
/// Durable gap detection for devices that number their messages but cannot read an answer (conveyor scanners,
/// IO-Link masters). Each step runs inside the store write that records the message's effect, so the last number
/// and the event commit together; a jump records a <see cref="Floor.DeviceReadsMissing"/> in the same write,
/// which raises the <c>device.reads-missing</c> exception. Devices number from 1.
/// </summary>
public static class DeviceSequences
{
    public const string Collection = "device_sequences";
    public const string Scanner = "scanner";
    public const string IoLink = "iolink";

    public static ILiteCollection<DeviceSequence> Rows(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetCollection<DeviceSequence>(Collection);
    }

    /// <summary>Checks <paramref name="seq"/> against the device's last number and stores it; records a gap when numbers were skipped.</summary>
    /// <param name="redelivered">
    /// The broker marked the message as sent before (MQTT's DUP flag). A persistent session resumed after the agent
    /// stored a batch but before its PUBACKs went out gets every read of that batch again, below the last number: those
    /// are duplicates. Without the flag a lower number means the device numbers again (it rebooted).
    /// </param>
    public static SequenceStep Advance(FloorCollections floor, string family, string deviceId, long seq, DateTime now, bool redelivered = false)
    {
        ArgumentNullException.ThrowIfNull(floor);
        var rows = Rows(floor.Database);
        var id = $"{family}/{deviceId}";
        var row = rows.FindById(id);
        if (row is not null && (seq == row.LastSeq || (redelivered && seq < row.LastSeq)))
        {
            return SequenceStep.Duplicate;
        }

        var step = row is not null && seq < row.LastSeq ? SequenceStep.Restarted : SequenceStep.Next;
        row ??= new DeviceSequence { Id = id };
        // A device seen first, or numbering again, starts at 1: what it numbered before that never arrived here.
        var expected = step == SequenceStep.Restarted || row.LastSeq == 0 ? 1 : row.LastSeq + 1;
        if (seq > expected)
        {
            row.Gaps++;
            floor.Record(new Floor.DeviceReadsMissing { At = now, DeviceId = deviceId, Seq = seq, Family = family, FirstMissing = expected, LastMissing = seq - 1 });
        }

        if (step == SequenceStep.Restarted)
        {
            row.Restarts++;
        }

        row.LastSeq = seq;
        row.UpdatedAt = now;
        rows.Upsert(row);
        return step;
    }
}
