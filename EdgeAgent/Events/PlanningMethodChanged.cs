using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>The planner lastingly changed how it plans: with the models or by the rule.</summary>
[FloorEventType("planning.method")]
public sealed record PlanningMethodChanged : FloorEvent
{
    public required string Method { get; init; }

    public string? FallbackReason { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"planning by {Method}{(FallbackReason is null ? "" : ": " + FallbackReason)}");
}
