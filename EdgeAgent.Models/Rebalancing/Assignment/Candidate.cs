namespace EdgeAgent.Models.Rebalancing;

/// <summary>A task weighed for a picker in one round: cost = predicted seconds − exposure.</summary>
internal record struct Candidate(int Slot, int Input, double Seconds, double Exposure, double Cost)
{
    /// <summary>Cheapest first; equal costs in request order, so a warm and a cold run agree.</summary>
    public static IComparer<Candidate> ByCost { get; } = Comparer<Candidate>.Create(
        (a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : a.Input.CompareTo(b.Input));
}
