using EdgeAgent.Storage;

namespace EdgeAgent.Tests.Storage;

public sealed class AckRecordTests
{
    [Fact]
    public void Record_KeepsTheHighestPerDeviceAndLane_AndSkipsATornLastLine()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "edgeagent.acks");
        using (var record = AckRecord.Open(path, TimeProvider.System, new Dictionary<string, AckMark>(StringComparer.Ordinal)))
        {
            record.Append([new AckMark("hh-3", "picks", 40), new AckMark("hh-4", "picks", 7)]);
            record.Append([new AckMark("hh-3", "picks", 41), new AckMark("hh-3", "picks", 39)]);
        }

        // A power cut in the middle of an append leaves part of a line.
        File.AppendAllText(path, "hh-3\tpicks\t99");

        var marks = AckRecord.Read(path);

        Assert.Equal(41, marks[new AckMark("hh-3", "picks", 0).Key].Seq);
        Assert.Equal(7, marks[new AckMark("hh-4", "picks", 0).Key].Seq);
        Assert.Equal(2, marks.Count);
    }

    [Fact]
    public void Record_WithAFlippedByte_DropsOnlyThatLine()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "edgeagent.acks");
        AckRecord.Replace(path, [new AckMark("hh-3", "picks", 41), new AckMark("hh-4", "picks", 7)]);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("hh-4\tpicks\t7", "hh-4\tpicks\t9", StringComparison.Ordinal));

        var marks = AckRecord.Read(path);

        Assert.Equal(41, Assert.Single(marks).Value.Seq);
    }
}
