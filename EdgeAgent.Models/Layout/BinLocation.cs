namespace EdgeAgent.Models.Layout;

/// <summary>A pick face slot, e.g. <c>B-07-3</c>: aisle B, bay 7, level 3, with its floor position in metres.</summary>
public readonly record struct BinLocation(int Aisle, int Bay, int Level, double X, double Y)
{
    /// <summary>The zone a location belongs to unless a release says otherwise: its aisle letter.</summary>
    public string DefaultZone => ((char)('A' + Aisle)).ToString();
}
