using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Tests.Features;

public sealed class PickFeatureBuilderTests
{
    private readonly WarehouseLayout _layout = new();
    private readonly PickFeatureBuilder _builder = new(new WarehouseLayout());

    [Fact]
    public void Build_TwoSlots_UsesTheLayoutsWalkAndTheTasksLevel()
    {
        var features = _builder.Build("A-02-1", "C-03-4", quantity: 5, HandlingClass.Bulky, pickerSpeed: 1.1, zoneCongestion: 0.3);

        Assert.NotNull(features);
        var expectedMetres = _layout.Distance(_layout.Locate("A-02-1")!.Value, _layout.Locate("C-03-4")!.Value);
        Assert.Equal(new PickFeatures((float)expectedMetres, 2, 5, 2, 4, 1.1f, 0.3f), features.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("DOCK-3")]
    public void Build_PickerNotOnASlot_StartsAtTheDepot(string? picker)
    {
        var features = _builder.Build(picker, "B-10-1", 1, HandlingClass.Small, 1, 0);

        Assert.Equal((float)_layout.Distance(WarehouseLayout.Depot, _layout.Locate("B-10-1")!.Value), features!.Value.TravelMetres);
        Assert.Equal(1, features.Value.AisleChanges);
    }

    [Fact]
    public void Build_TaskNotOnASlot_GivesNothingToScore() =>
        Assert.Null(_builder.Build("A-01-1", "A-99-1", 1, HandlingClass.Small, 1, 0));

    [Fact]
    public void Features_CopiedOutAndReadBack_KeepTheirOrder()
    {
        var features = new PickFeatures(1, 2, 3, 4, 5, 6, 7);
        Span<float> values = stackalloc float[PickFeatures.Names.Count];

        features.CopyTo(values);

        Assert.Equal([1f, 2, 3, 4, 5, 6, 7], values.ToArray());
        Assert.Equal(features, PickFeatures.From(values));
    }
}
