using EdgeAgent.Models.Features;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Simulators.Floor;

namespace EdgeAgent.Models.Tests.Onnx;

public sealed class OnnxScoringTests : IDisposable
{
    private readonly OnnxPickDurationModel _pick = OnnxPickDurationModel.Load(ModelSet.DefaultDirectory);
    private readonly OnnxLateRiskModel _late = OnnxLateRiskModel.Load(ModelSet.DefaultDirectory);

    [Fact]
    public void PickDuration_BatchScoring_EqualsRowByRow()
    {
        var (rows, _) = FloorStreams.Picks(new FloorTruthOptions { Seed = 11 }, 300);
        var batch = new float[rows.Length];
        var single = new float[1];

        _pick.Predict(rows, batch);

        for (var i = 0; i < rows.Length; i++)
        {
            _pick.Predict(rows.AsSpan(i, 1), single);
            Assert.Equal(single[0], batch[i]);
        }
    }

    [Fact]
    public void LateRisk_BatchScoring_EqualsRowByRow()
    {
        var (rows, _) = FloorStreams.Orders(new FloorTruthOptions { Seed = 11 }, 300);
        var batch = new float[rows.Length];
        var single = new float[1];

        _late.Predict(rows, batch);

        for (var i = 0; i < rows.Length; i++)
        {
            _late.Predict(rows.AsSpan(i, 1), single);
            Assert.Equal(single[0], batch[i]);
            Assert.InRange(batch[i], 0f, 1f);
        }
    }

    [Fact]
    public void PickDuration_BatchBiggerThanTheBuffers_GrowsThemAndScoresEveryRow()
    {
        var (rows, _) = FloorStreams.Picks(new FloorTruthOptions { Seed = 12 }, 1000);
        var before = _pick.Capacity;
        var seconds = new float[rows.Length];

        _pick.Predict(rows, seconds);

        Assert.True(before < rows.Length, $"start capacity {before}");
        Assert.True(_pick.Capacity >= rows.Length);
        Assert.All(seconds, s => Assert.True(s > 0));
        var small = new float[10];
        _pick.Predict(rows.AsSpan(0, 10), small);
        Assert.Equal(seconds.AsSpan(0, 10).ToArray(), small);
    }

    [Fact]
    public void Predict_ResultSpanOfAnotherLength_IsRefused() =>
        Assert.Throws<ArgumentException>(() => _pick.Predict(new PickFeatures[3], new float[2]));

    [Fact]
    public void Predict_EmptyBatch_DoesNothing() => _pick.Predict([], []);

    [Fact]
    public void Predict_FromManyThreadsAtOnce_GivesEachCallerItsOwnAnswers()
    {
        var (rows, _) = FloorStreams.Picks(new FloorTruthOptions { Seed = 13 }, 64);
        var expected = new float[rows.Length];
        _pick.Predict(rows, expected);

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var size = 1 + (i % rows.Length);
            var seconds = new float[size];
            _pick.Predict(rows.AsSpan(0, size), seconds);
            Assert.Equal(expected.AsSpan(0, size).ToArray(), seconds);
        });
    }

    [Fact]
    public void Predict_AfterDispose_IsRefused()
    {
        using var model = OnnxPickDurationModel.Load(ModelSet.DefaultDirectory);
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Predict(new PickFeatures[1], new float[1]));
    }

    public void Dispose()
    {
        _pick.Dispose();
        _late.Dispose();
    }
}
