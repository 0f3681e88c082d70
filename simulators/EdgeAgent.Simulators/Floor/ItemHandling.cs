namespace EdgeAgent.Simulators.Floor;

/// <summary>How an item is handled on the floor; the numbers match the agent's handling classes.</summary>
public enum ItemHandling
{
    Small = 0,
    Standard = 1,
    Bulky = 2,
    Fragile = 3,
}
