using EdgeAgent.Commands;

namespace EdgeAgent.Tests.Commands;

/// <summary><c>EdgeAgent models check</c>: the agent's own model loading (hash, graph, every check row scored), without the agent.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("edgeagent-models-").FullName;

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public void ModelsCheck_LoadsBothShippedModels_AndScoresEveryCheckRow()
    {
        var (code, output, error) = Run("models", "check");

        Assert.Equal((ModelsCommand.AllUsable, ""), (code, error));
        Assert.Contains("ok    pick-duration ", output, StringComparison.Ordinal);
        Assert.Contains("ok    late-risk ", output, StringComparison.Ordinal);
        Assert.Contains("check rows score as in training", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsCheck_SaysFail_ForAModelThatIsNotTheOneItsManifestDescribes()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models")))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }

        var model = Path.Combine(_copy, "late-risk.onnx");
        var bytes = File.ReadAllBytes(model);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(model, bytes);

        var (code, output, _) = Run("models", "check", "--dir", _copy);

        Assert.Equal(ModelsCommand.Rejected, code);
        Assert.Contains("ok    pick-duration ", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  late-risk: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsCheck_WithUnknownArguments_SaysHowToUseIt()
    {
        var (code, _, error) = Run("models", "check", "--everything");

        Assert.Equal(ModelsCommand.Usage, code);
        Assert.Contains("Usage: EdgeAgent models check [--dir DIR]", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ModelsCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
