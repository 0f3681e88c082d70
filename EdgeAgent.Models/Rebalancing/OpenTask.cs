using EdgeAgent.Models.Features;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>A released pick line nobody has started yet.</summary>
public sealed record OpenTask
{
    public required string Id { get; init; }

    /// <summary>The slot, e.g. <c>B-07-3</c>; a task whose location does not parse is never planned.</summary>
    public required string Location { get; init; }

    /// <summary>The zone; null takes the location's default zone (its aisle letter).</summary>
    public string? Zone { get; init; }

    public required int Quantity { get; init; }

    public HandlingClass Handling { get; init; } = HandlingClass.Standard;

    public required string OrderId { get; init; }

    /// <summary>1 is the most urgent, 5 the least.</summary>
    public int Priority { get; init; } = 3;

    public required DateTimeOffset ShipCutOff { get; init; }

    public string? RequiredSkill { get; init; }
}
