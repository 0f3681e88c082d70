using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>
/// The rebalancer's model rows are the training rows' features: same builder, same units. A mismatch here
/// (a time multiplier fed as a speed, a picker count fed as a 0-1 share) silently skews every prediction.
/// </summary>
public sealed class PickRowTests
{
    private static readonly WarehouseLayout Layout = new();
    private static readonly OpenTask Task = new() { Id = "T-1", Location = "D-20-3", Quantity = 2, OrderId = "SO-1", ShipCutOff = DateTimeOffset.UnixEpoch, Handling = HandlingClass.Bulky };

    [Fact]
    public void PickRow_IsTheSharedBuildersRow_WithPaceAsSpeedAndCongestionAsAShare()
    {
        var from = Layout.Locate("A-05-1")!.Value;
        var to = Layout.Locate(Task.Location)!.Value;

        var row = RebalanceObjective.PickRow(Layout, from, to, Task, pace: 1.25, pickersInAisle: 2);

        var expected = new PickFeatureBuilder(Layout).Build(from, to, 2, HandlingClass.Bulky, pickerSpeed: 0.8, zoneCongestion: 0.5);
        Assert.Equal(expected, row);
        Assert.Equal(3f, row.AisleChanges);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.25)]
    [InlineData(4, 1.0)]
    [InlineData(9, 1.0)]
    public void Congestion_IsTheShareOfAFullAisle(int pickers, double expected) =>
        Assert.Equal(expected, PickFeatureBuilder.CongestionOf(pickers), 6);

    [Fact]
    public void ShippedModel_PredictsASlowerPickerSlower_AndABusierAisleSlower()
    {
        using var models = ModelSet.Load(ModelSet.DefaultDirectory);
        var from = Layout.Locate("A-05-1")!.Value;
        var to = Layout.Locate(Task.Location)!.Value;
        PickFeatures[] rows =
        [
            RebalanceObjective.PickRow(Layout, from, to, Task, pace: 1.0, pickersInAisle: 0),
            RebalanceObjective.PickRow(Layout, from, to, Task, pace: 1.3, pickersInAisle: 0),
            RebalanceObjective.PickRow(Layout, from, to, Task, pace: 1.0, pickersInAisle: 4),
        ];
        var seconds = new float[rows.Length];

        models.PickDuration!.Predict(rows, seconds);

        Assert.True(seconds[1] > seconds[0], $"slower picker {seconds[1]} s vs standard {seconds[0]} s");
        Assert.True(seconds[2] > seconds[0], $"full aisle {seconds[2]} s vs empty {seconds[0]} s");
    }

    [Theory]
    [InlineData(1, 3f)]
    [InlineData(2, 2f)]
    [InlineData(3, 1f)]
    [InlineData(4, 0f)]
    [InlineData(5, 0f)]
    public void FloorPriority_MapsOntoTheModelsUrgencyScale(int priority, float urgency) =>
        Assert.Equal(urgency, LateRiskFeatures.UrgencyOf(priority));

    [Fact]
    public void ShippedModel_GivesAnUrgentOrderLessLateRisk_BecauseItJumpsTheQueue()
    {
        using var models = ModelSet.Load(ModelSet.DefaultDirectory);
        var now = DateTimeOffset.UnixEpoch;
        var cutOff = now.AddMinutes(60).UtcTicks;
        LateRiskFeatures[] rows =
        [
            RebalanceObjective.RiskRow(cutOff, 4, 300, 70, priority: 1, now),
            RebalanceObjective.RiskRow(cutOff, 4, 300, 70, priority: 5, now),
        ];
        var risk = new float[rows.Length];

        models.LateRisk!.Predict(rows, risk);

        Assert.True(risk[0] < risk[1], $"priority 1 risk {risk[0]} vs priority 5 risk {risk[1]}");
    }
}
