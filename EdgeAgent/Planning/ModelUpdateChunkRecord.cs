namespace EdgeAgent.Planning;

/// <summary>One stored chunk of a model update's <c>.onnx</c>, until the update is verified or refused.</summary>
public sealed class ModelUpdateChunkRecord
{
    public const string Collection = "model_update_chunks";

    /// <summary><c>{updateId}/{index:D6}</c>, so an update's chunks sort in order.</summary>
    public string Id { get; set; } = "";

    public string UpdateId { get; set; } = "";

    public int Index { get; set; }

    public byte[] Data { get; set; } = [];

    public static string IdOf(string updateId, int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{updateId}/{index:D6}");
}
