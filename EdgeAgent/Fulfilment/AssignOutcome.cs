namespace EdgeAgent.Fulfilment;

/// <summary>What the picker is told: a task, a wait for a person's decision, or that there is no work.</summary>
public sealed record AssignOutcome(Assignment? Assigned, string? Waiting)
{
    /// <summary>A task a person already gave this picker as their next one, started now: no new decision, no new event.</summary>
    public PickTask? Decided { get; init; }

    public static AssignOutcome NoWork { get; } = new(null, null);
}
