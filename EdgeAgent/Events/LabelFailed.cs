using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A carton's label could not be rendered or printed.</summary>
[FloorEventType("label.failed")]
public sealed record LabelFailed : FloorEvent
{
    public string? Sscc { get; init; }

    /// <summary>A <c>JobFailureReason</c> name when printing failed, or <c>Render</c> and a <c>LabelError</c> name when the label could not be made.</summary>
    public required string Reason { get; init; }

    public int Attempts { get; init; }

    public string? Detail { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"label for {Sscc ?? "?"} failed: {Reason}{(Detail is null ? "" : " " + Detail)}");
}
