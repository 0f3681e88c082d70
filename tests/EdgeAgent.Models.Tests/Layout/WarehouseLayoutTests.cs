using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Tests.Layout;

public sealed class WarehouseLayoutTests
{
    private readonly WarehouseLayout _layout = new();

    [Theory]
    [InlineData("A-01-1", 0, 1, 1)]
    [InlineData("c-12-4", 2, 12, 4)]
    [InlineData(" D-40-2 ", 3, 40, 2)]
    public void Locate_ReadsAisleBayAndLevel(string text, int aisle, int bay, int level)
    {
        var bin = _layout.Locate(text);

        Assert.NotNull(bin);
        Assert.Equal((aisle, bay, level), (bin.Value.Aisle, bin.Value.Bay, bin.Value.Level));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A-00-1")]
    [InlineData("A-41-1")]
    [InlineData("AB-01-1")]
    [InlineData("A-01")]
    [InlineData("A-x-1")]
    [InlineData("DOCK-3")]
    public void Locate_RefusesWhatIsNotASlot(string text) => Assert.Null(_layout.Locate(text));

    [Fact]
    public void Distance_WithinAnAisle_IsAlongTheAisle()
    {
        var a = _layout.Locate("B-02-1")!.Value;
        var b = _layout.Locate("B-10-3")!.Value;

        Assert.Equal(8 * 1.5, _layout.Distance(a, b), 6);
    }

    [Fact]
    public void Distance_AcrossAisles_GoesRoundTheNearerEnd()
    {
        var nearFront = _layout.Distance(_layout.Locate("A-02-1")!.Value, _layout.Locate("C-03-1")!.Value);
        var nearBack = _layout.Distance(_layout.Locate("A-39-1")!.Value, _layout.Locate("C-38-1")!.Value);

        Assert.Equal(6 + ((2 + 3) * 1.5), nearFront, 6);
        Assert.Equal(6 + ((2 + 3) * 1.5), nearBack, 6);
    }
}
