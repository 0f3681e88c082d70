using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A shipped model failed its checks at load and is not used.</summary>
[FloorEventType("model.rejected")]
public sealed record ModelRejected : FloorEvent
{
    public required string ModelName { get; init; }

    public required string Reason { get; init; }

    public required string Message { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"model {ModelName} rejected ({Reason}): {Message}");
}
