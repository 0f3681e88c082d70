namespace EdgeAgent.Fulfilment;

/// <summary>What the picker is told: a task, a wait for a person's decision, or that there is no work.</summary>
public sealed record AssignOutcome(Assignment? Assigned, string? Waiting)
{
    public static AssignOutcome NoWork { get; } = new(null, null);
}
