namespace EdgeAgent.Planning;

/// <summary>Where the pick loop reads the latest plan: swapped whole, never edited, so readers need no lock.</summary>
public sealed class PlanBoard
{
    private PickPlan _current = PickPlan.Empty;

    public PickPlan Current => Volatile.Read(ref _current);

    public void Publish(PickPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Volatile.Write(ref _current, plan);
    }
}
