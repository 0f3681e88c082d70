using System.ComponentModel.DataAnnotations;
using EdgeAgent.Models.Drift;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Simulators.Floor;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Drift;

public sealed class DriftMonitorTests : IDisposable
{
    // Seeds other than the training tool's, so the monitor sees floor the models never trained on.
    private const int StreamSeed = 424242;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.Zero));
    private readonly ModelSet _models = ModelSet.Load(ModelSet.DefaultDirectory);

    [Fact]
    public void PickDurations_FromTheFloorTheModelLearned_RaiseNoAlarm()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions(), _time);

        var alarms = FeedPicks(monitor, new FloorTruthOptions { Seed = StreamSeed }, 2000);

        Assert.Empty(alarms);
        Assert.False(monitor.UseRuleFallback);
        Assert.InRange(monitor.Status().PickDurationDrift!.Value, -0.05, 0.05);
    }

    [Fact]
    public void PickDurations_FortyPercentSlower_RaiseOneAlarmAndSwitchToRules()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions(), _time);
        var raised = new List<DriftAlarm>();
        monitor.AlarmRaised += (_, e) => raised.Add(e.Alarm);

        var alarms = FeedPicks(monitor, new FloorTruthOptions { Seed = StreamSeed, DurationShift = 1.4 }, 2000);

        var alarm = Assert.Single(alarms);
        Assert.Equal(alarms, raised);
        Assert.Equal(DriftSignal.PickDuration, alarm.Signal);
        Assert.InRange(alarm.Drift, 0.3, 0.5);
        Assert.Equal(200, alarm.Samples);
        Assert.True(alarm.Observed > alarm.Expected);
        Assert.True(alarm.SwitchedToFallback);
        Assert.Equal(_time.GetUtcNow(), alarm.RaisedAt);
        Assert.True(monitor.UseRuleFallback);
        Assert.Equal(alarm, monitor.Status().LatchedBy);
    }

    [Fact]
    public void LateOutcomes_FromTheFloorTheModelLearned_RaiseNoAlarm()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions(), _time);

        var alarms = FeedOrders(monitor, new FloorTruthOptions { Seed = StreamSeed }, 2000);

        Assert.Empty(alarms);
        Assert.InRange(monitor.Status().LateRiskDrift!.Value, -0.05, 0.05);
    }

    [Fact]
    public void LateOutcomes_WhenOrdersFinishLater_RaiseALateRiskAlarm()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions(), _time);

        var alarms = FeedOrders(monitor, new FloorTruthOptions { Seed = StreamSeed, FinishShift = 1.8 }, 2000);

        var alarm = Assert.Single(alarms);
        Assert.Equal(DriftSignal.LateRisk, alarm.Signal);
        Assert.True(alarm.Drift > 0.1, $"drift {alarm.Drift}");
        Assert.True(monitor.UseRuleFallback);
    }

    [Fact]
    public void Fallback_StaysLatched_WhenTheFloorRecovers_UntilAPersonReenables()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions(), _time);
        FeedPicks(monitor, new FloorTruthOptions { Seed = StreamSeed, DurationShift = 1.4 }, 400);

        FeedPicks(monitor, new FloorTruthOptions { Seed = StreamSeed + 1 }, 2000);
        Assert.True(monitor.UseRuleFallback);
        Assert.InRange(monitor.Status().PickDurationDrift!.Value, -0.05, 0.05);

        _time.Advance(TimeSpan.FromMinutes(30));
        monitor.Reenable("supervisor-7");

        var status = monitor.Status();
        Assert.False(status.UseRuleFallback);
        Assert.Null(status.LatchedBy);
        Assert.Equal(0, status.PickSamples);
        Assert.Equal(("supervisor-7", _time.GetUtcNow()), status.LastReenabled);
    }

    [Fact]
    public void Reenable_WhileTheFloorIsStillDrifted_AlarmsAgainAfterEnoughNewSamples()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions(), _time);
        var shifted = FloorStreams.Picks(new FloorTruthOptions { Seed = StreamSeed, DurationShift = 1.4 }, 600);
        var predicted = Predict(shifted.Features);
        for (var i = 0; i < 300; i++)
        {
            monitor.RecordPick(predicted[i], shifted.ActualSeconds[i]);
        }

        monitor.Reenable("supervisor-7");
        var again = Enumerable.Range(300, 300).Select(i => monitor.RecordPick(predicted[i], shifted.ActualSeconds[i])).ToList();

        Assert.Equal(199, again.FindIndex(a => a is not null));
        Assert.True(monitor.UseRuleFallback);
    }

    [Fact]
    public void Alarm_WithSwitchingOff_IsRaisedButTheModelsStayInCharge()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions { SwitchToFallback = false }, _time);

        var alarm = Assert.Single(FeedPicks(monitor, new FloorTruthOptions { Seed = StreamSeed, DurationShift = 1.4 }, 1000));

        Assert.False(alarm.SwitchedToFallback);
        Assert.False(monitor.UseRuleFallback);
    }

    [Fact]
    public void Alarm_AfterComingBackUnderTheThreshold_IsRaisedAgainOnTheNextCrossing()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions { WindowSize = 100, MinimumSamples = 50, SwitchToFallback = false }, _time);

        double[] ratios = [1.5, 1.0, 1.5];
        var alarms = ratios
            .SelectMany(ratio => Enumerable.Range(0, 100).Select(_ => monitor.RecordPick(100, 100 * ratio)))
            .OfType<DriftAlarm>()
            .ToList();

        Assert.Equal(2, alarms.Count);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(100, 101)]
    [InlineData(100, 0)]
    public void Options_OutOfRange_AreRefused(int window, int minimum) =>
        Assert.Throws<ValidationException>(() => new DriftMonitor(new DriftMonitorOptions { WindowSize = window, MinimumSamples = minimum }, _time));

    [Fact]
    public void Record_ImpossibleValues_AreRefused()
    {
        var monitor = new DriftMonitor(new DriftMonitorOptions(), _time);

        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.RecordPick(double.NaN, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.RecordPick(10, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.RecordOrder(1.2, late: true));
    }

    public void Dispose() => _models.Dispose();

    private float[] Predict(EdgeAgent.Models.Features.PickFeatures[] rows)
    {
        var seconds = new float[rows.Length];
        _models.PickDuration!.Predict(rows, seconds);
        return seconds;
    }

    private List<DriftAlarm> FeedPicks(DriftMonitor monitor, FloorTruthOptions floor, int count)
    {
        var (rows, actual) = FloorStreams.Picks(floor, count);
        var predicted = Predict(rows);
        return [.. Enumerable.Range(0, count).Select(i => monitor.RecordPick(predicted[i], actual[i])).OfType<DriftAlarm>()];
    }

    private List<DriftAlarm> FeedOrders(DriftMonitor monitor, FloorTruthOptions floor, int count)
    {
        var (rows, late) = FloorStreams.Orders(floor, count);
        var probabilities = new float[rows.Length];
        _models.LateRisk!.Predict(rows, probabilities);
        return [.. Enumerable.Range(0, count).Select(i => monitor.RecordOrder(probabilities[i], late[i])).OfType<DriftAlarm>()];
    }
}
