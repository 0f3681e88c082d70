using System.Globalization;

namespace EdgeAgent.Models.Layout;

/// <summary>
/// A pick face of parallel aisles joined by a front and a back cross aisle. Locations are written
/// <c>{aisle letter}-{bay}-{level}</c> (<c>A-01-1</c>). Travel between aisles goes round the nearer end.
/// </summary>
public sealed record WarehouseLayout
{
    /// <summary>Metres between the centre lines of neighbouring aisles.</summary>
    public double AisleSpacing { get; init; } = 3.0;

    /// <summary>Metres between neighbouring bays along an aisle.</summary>
    public double BayDepth { get; init; } = 1.5;

    /// <summary>Bays per aisle; the back cross aisle lies one bay beyond the last.</summary>
    public int BaysPerAisle { get; init; } = 40;

    /// <summary>Where pickers start and drop off (the front cross aisle at aisle A).</summary>
    public static BinLocation Depot { get; } = new(0, 0, 1, 0, 0);

    private double AisleLength => (BaysPerAisle + 1) * BayDepth;

    /// <summary>Parses a location; null when it does not follow the layout's pattern.</summary>
    public BinLocation? Locate(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        var parts = location.Trim().Split('-');
        if (parts.Length != 3 || parts[0].Length != 1 || !char.IsAsciiLetter(parts[0][0])
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bay)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            || bay < 1 || bay > BaysPerAisle || level < 1)
        {
            return null;
        }

        var aisle = char.ToUpperInvariant(parts[0][0]) - 'A';
        return new BinLocation(aisle, bay, level, aisle * AisleSpacing, bay * BayDepth);
    }

    /// <summary>Walking distance in metres between two slots.</summary>
    public double Distance(BinLocation from, BinLocation to)
    {
        if (from.Aisle == to.Aisle)
        {
            return Math.Abs(from.Y - to.Y);
        }

        var viaFront = from.Y + to.Y;
        var viaBack = (2 * AisleLength) - from.Y - to.Y;
        return Math.Abs(from.X - to.X) + Math.Min(viaFront, viaBack);
    }
}
