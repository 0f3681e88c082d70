using EdgeAgent.Models.Features;
using EdgeAgent.Models.Onnx;

namespace EdgeAgent.Models.Tests.Onnx;

public sealed class ShippedModelTests
{
    [Fact]
    public void ShippedModels_CopiedToTheOutput_LoadFromTheDefaultDirectory()
    {
        using var models = ModelSet.Load(ModelSet.DefaultDirectory);

        Assert.Empty(models.Rejections);
        Assert.True(models.IsComplete);
        Assert.Equal("pick-duration", models.PickDuration!.Identity.Name);
        Assert.Equal("late-risk", models.LateRisk!.Identity.Name);
    }

    [Fact]
    public void PickDuration_CheckSet_AgreesWithTheTrainersPredictions()
    {
        using var model = OnnxPickDurationModel.Load(ModelSet.DefaultDirectory);
        var check = model.Manifest.CheckSet;
        var rows = check.Select(c => PickFeatures.From([.. c.Features])).ToArray();
        var seconds = new float[rows.Length];

        model.Predict(rows, seconds);

        Assert.Equal(20, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.InRange(seconds[i], check[i].Expected - 0.01f, check[i].Expected + 0.01f);
        }
    }

    [Fact]
    public void LateRisk_CheckSet_AgreesWithTheTrainersPredictions()
    {
        using var model = OnnxLateRiskModel.Load(ModelSet.DefaultDirectory);
        var check = model.Manifest.CheckSet;
        var rows = check.Select(c => LateRiskFeatures.From([.. c.Features])).ToArray();
        var probabilities = new float[rows.Length];

        model.Predict(rows, probabilities);

        Assert.Equal(20, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.InRange(probabilities[i], check[i].Expected - 1e-4f, check[i].Expected + 1e-4f);
        }
    }

    [Fact]
    public void LateRisk_MoreBacklogAndLessSlack_RaisesTheRisk()
    {
        using var model = OnnxLateRiskModel.Load(ModelSet.DefaultDirectory);
        LateRiskFeatures[] rows =
        [
            new(SlackMinutes: 200, OpenLines: 3, RemainingWorkMinutes: 4, BacklogMinutesPerPicker: 10, Priority: 0),
            new(SlackMinutes: 20, OpenLines: 12, RemainingWorkMinutes: 18, BacklogMinutesPerPicker: 90, Priority: 0),
        ];
        var probabilities = new float[2];

        model.Predict(rows, probabilities);

        Assert.True(probabilities[0] < 0.1f, $"relaxed order scored {probabilities[0]}");
        Assert.True(probabilities[1] > 0.9f, $"hopeless order scored {probabilities[1]}");
    }
}
