using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A model sent by central over the downlink was refused; the reason code says why (malformed, hash-mismatch, manifest-mismatch, check-set-failed).</summary>
[FloorEventType("model.update-refused")]
public sealed record ModelUpdateRefused : FloorEvent
{
    public required string UpdateId { get; init; }

    /// <summary>The downlink command whose arrival completed (or broke) the update.</summary>
    public required string CommandId { get; init; }

    public required string ModelName { get; init; }

    public required string ReasonCode { get; init; }

    public required string Detail { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"model update {UpdateId} ({ModelName}) refused, {ReasonCode}: {Detail}");
}
