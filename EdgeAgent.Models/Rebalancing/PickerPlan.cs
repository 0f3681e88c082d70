namespace EdgeAgent.Models.Rebalancing;

/// <summary>A picker's next tasks, in the order to do them.</summary>
public sealed record PickerPlan(string PickerId, IReadOnlyList<PlannedTask> Tasks);
