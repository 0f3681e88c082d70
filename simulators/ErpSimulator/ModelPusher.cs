using System.Text.Json;
using CloudBridge.Contract.V1;

namespace ErpSimulator;

/// <summary>
/// <c>model</c>: sends a model (<c>{dir}/{name}.onnx</c> and <c>{dir}/{name}.manifest.json</c>, as the training tool
/// writes them) to a gateway over its downlink, chunked, one MODEL_UPDATE command per chunk.
/// </summary>
internal sealed class ModelPusher(ErpClient erp)
{
    public async Task<int> PushAsync(SimulatorSettings settings, CancellationToken ct)
    {
        if (settings.Directory is not { Length: > 0 } directory)
        {
            Console.Error.WriteLine("model needs --dir DIRECTORY (holding NAME.onnx and NAME.manifest.json)");
            return 2;
        }

        var name = settings.Model;
        var onnxPath = Path.Combine(directory, name + ".onnx");
        var manifestPath = Path.Combine(directory, name + ".manifest.json");
        if (!File.Exists(onnxPath) || !File.Exists(manifestPath))
        {
            Console.Error.WriteLine($"{directory} lacks {name}.onnx or {name}.manifest.json");
            return 2;
        }

        var manifest = await File.ReadAllBytesAsync(manifestPath, ct);
        var onnx = await File.ReadAllBytesAsync(onnxPath, ct);
        var version = JsonDocument.Parse(manifest).RootElement.TryGetProperty("version", out var v) ? v.GetString() : "unknown";
        var updateId = settings.UpdateId ?? $"{name}-{version}-{DateTime.UtcNow:yyyyMMddHHmmss}".Replace('+', '-');
        var commands = ModelUpdateCommands.Split(settings.Gateway, updateId, name, manifest, onnx, settings.ChunkBytes);
        ulong last = 0;
        foreach (var command in commands)
        {
            var reply = await erp.Admin.AppendCommandAsync(command, erp.Headers, cancellationToken: ct);
            last = reply.Cursor;
        }

        Console.WriteLine(
            $"model {name} {version} sent to {settings.Gateway} as update {updateId}: {onnx.Length} bytes in {commands.Count} chunks, last at cursor {last}; " +
            $"watch its result with: read --gateway {settings.Gateway} (model.update-refused / model.shadow-started / model.shadow-decided)");
        return 0;
    }
}
