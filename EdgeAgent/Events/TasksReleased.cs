using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>New pick tasks became open work (seed file, API or the ERP).</summary>
[FloorEventType("tasks.released")]
public sealed record TasksReleased : FloorEvent
{
    public int Count { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Count} task(s) released");
}
