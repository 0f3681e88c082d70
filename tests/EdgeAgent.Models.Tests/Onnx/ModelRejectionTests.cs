using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Onnx;

namespace EdgeAgent.Models.Tests.Onnx;

public sealed class ModelRejectionTests : IDisposable
{
    private readonly ModelDirectory _models = new();

    private string PickOnnx => _models.FilePath(ModelManifest.ModelFileName(ModelNames.PickDuration));

    private string PickManifest => _models.FilePath(ModelManifest.FileName(ModelNames.PickDuration));

    [Fact]
    public void Load_OneByteFlipped_IsRejectedForItsHash()
    {
        var bytes = File.ReadAllBytes(PickOnnx);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(PickOnnx, bytes);

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.HashMismatch, ex.Reason);
        Assert.Equal(ModelNames.PickDuration, ex.ModelName);
        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FeaturesReordered_IsRejectedNamingThePosition()
    {
        EditManifest(m => m with { Features = [m.Features[0], m.Features[1], m.Features[3], m.Features[2], .. m.Features.Skip(4)] });

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.FeatureMismatch, ex.Reason);
        Assert.Contains("position 2 is 'HandlingClass', expected 'Quantity'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FeatureRenamed_IsRejectedNamingIt()
    {
        EditManifest(m => m with { Features = [.. m.Features.Select(f => f == "Level" ? "ShelfLevel" : f)] });

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.FeatureMismatch, ex.Reason);
        Assert.Contains("'ShelfLevel', expected 'Level'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongOutputName_IsRejectedListingTheGraphsOutputs()
    {
        EditManifest(m => m with { OutputName = "Score" });

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.OutputMismatch, ex.Reason);
        Assert.Contains("'Score'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Score.output", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelFileMissing_IsRejectedNamingThePath()
    {
        File.Delete(PickOnnx);

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.ModelFileMissing, ex.Reason);
        Assert.Contains(PickOnnx, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestMissing_IsRejected()
    {
        File.Delete(PickManifest);

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.ManifestMissing, ex.Reason);
    }

    [Fact]
    public void Load_ManifestNotJson_IsRejected()
    {
        File.WriteAllText(PickManifest, "{ \"name\": \"pick-duration\", ");

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.ManifestInvalid, ex.Reason);
    }

    [Fact]
    public void Load_CheckSetTheRuntimeCannotReproduce_IsRejected()
    {
        EditManifest(m => m with { CheckSet = [m.CheckSet[0] with { Expected = m.CheckSet[0].Expected + 5 }, .. m.CheckSet.Skip(1)] });

        var ex = Assert.Throws<ModelRejectedException>(() => OnnxPickDurationModel.Load(_models.Path));

        Assert.Equal(ModelRejectionReason.CheckSetMismatch, ex.Reason);
        Assert.Contains("check row 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelSet_OneModelTampered_ReportsFallbackForItAndKeepsTheOther()
    {
        var bytes = File.ReadAllBytes(PickOnnx);
        bytes[^1] ^= 0x80;
        File.WriteAllBytes(PickOnnx, bytes);

        using var models = ModelSet.Load(_models.Path);

        Assert.False(models.IsComplete);
        Assert.Null(models.PickDuration);
        Assert.NotNull(models.LateRisk);
        var rejection = Assert.Single(models.Rejections);
        Assert.Equal((ModelNames.PickDuration, ModelRejectionReason.HashMismatch), (rejection.ModelName, rejection.Reason));
    }

    [Fact]
    public void ModelSet_DirectoryMissing_ReportsBothModelsInsteadOfThrowing()
    {
        using var models = ModelSet.Load(Path.Combine(_models.Path, "nowhere"));

        Assert.Null(models.PickDuration);
        Assert.Null(models.LateRisk);
        Assert.Equal(2, models.Rejections.Count);
        Assert.All(models.Rejections, r => Assert.Equal(ModelRejectionReason.ManifestMissing, r.Reason));
    }

    public void Dispose() => _models.Dispose();

    private void EditManifest(Func<ModelManifest, ModelManifest> edit) =>
        File.WriteAllText(PickManifest, edit(ModelManifest.Parse(File.ReadAllText(PickManifest))).ToJson());
}
