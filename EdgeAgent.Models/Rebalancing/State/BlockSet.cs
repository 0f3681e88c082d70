namespace EdgeAgent.Models.Rebalancing;

/// <summary>The blocked aisles and zones of the current disruptions, as numbers.</summary>
internal sealed class BlockSet
{
    private readonly bool[] _aisles = new bool[64];
    private readonly HashSet<int> _zones = [];
    private string _signature = string.Empty;

    /// <summary>Takes the request's disruptions; true when the blocks differ from the last call's.</summary>
    public bool Update(Disruptions disruptions, Interner zones)
    {
        var signature = string.Join(',', disruptions.BlockedAisles.Order(StringComparer.Ordinal)) + "|"
            + string.Join(',', disruptions.BlockedZones.Order(StringComparer.Ordinal));
        if (signature == _signature)
        {
            return false;
        }

        _signature = signature;
        Array.Clear(_aisles);
        foreach (var aisle in disruptions.BlockedAisles)
        {
            if (aisle.Length == 1 && char.IsAsciiLetter(aisle[0]))
            {
                _aisles[char.ToUpperInvariant(aisle[0]) - 'A'] = true;
            }
        }

        _zones.Clear();
        foreach (var zone in disruptions.BlockedZones)
        {
            _zones.Add(zones.Intern(zone));
        }

        return true;
    }

    public bool Blocks(int aisle, int zoneId) => (aisle < _aisles.Length && _aisles[aisle]) || _zones.Contains(zoneId);
}
