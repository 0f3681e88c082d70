namespace EdgeAgent.Models.Features;

/// <summary>How an item is handled; slower classes take longer per unit. Fed to the model as its number.</summary>
public enum HandlingClass
{
    Small = 0,
    Standard = 1,
    Bulky = 2,
    Fragile = 3,
}
