using EdgeAgent.Models.Onnx;

namespace EdgeAgent.Models.Tests;

/// <summary>A temporary copy of the shipped models that a test may damage.</summary>
internal sealed class ModelDirectory : IDisposable
{
    public ModelDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgeagent-models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(ModelSet.DefaultDirectory))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    public string FilePath(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
