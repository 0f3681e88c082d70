using Google.Protobuf;

namespace CloudBridge.Contract.V1;

/// <summary>
/// Turns a model (its <c>.onnx</c> bytes and manifest) into the downlink commands that carry it: one
/// <see cref="CommandKind.ModelUpdate"/> command per chunk, command ids <c>{updateId}/{index}</c>, so
/// re-sending the same update is deduplicated by central's command log.
/// </summary>
public static class ModelUpdateCommands
{
    /// <summary>The default chunk: far below gRPC's 4 MiB message limit, a handful of commands for a tree model.</summary>
    public const int DefaultChunkBytes = 1 << 20;

    public static IReadOnlyList<AppendCommandRequest> Split(
        string gatewayId, string updateId, string modelName, ReadOnlyMemory<byte> manifest, ReadOnlyMemory<byte> onnx, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gatewayId);
        ArgumentException.ThrowIfNullOrWhiteSpace(updateId);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        var count = Math.Max(1, (onnx.Length + chunkBytes - 1) / chunkBytes);
        var commands = new List<AppendCommandRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var start = i * chunkBytes;
            var chunk = new ModelUpdateChunk
            {
                UpdateId = updateId,
                ModelName = modelName,
                Index = (uint)i,
                Count = (uint)count,
                Manifest = i == 0 ? ByteString.CopyFrom(manifest.Span) : ByteString.Empty,
                Data = ByteString.CopyFrom(onnx.Span.Slice(start, Math.Min(chunkBytes, onnx.Length - start))),
            };
            commands.Add(new AppendCommandRequest
            {
                GatewayId = gatewayId,
                CommandId = $"{updateId}/{i}",
                Kind = CommandKind.ModelUpdate,
                Payload = chunk.ToByteString(),
                TraceId = updateId,
            });
        }

        return commands;
    }
}
