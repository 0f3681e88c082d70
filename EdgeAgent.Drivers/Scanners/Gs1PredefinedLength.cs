namespace EdgeAgent.Drivers.Scanners;

/// <summary>
/// The GS1 table of AIs whose length is predefined by their first two digits: these never need an
/// FNC1 separator after their data, whatever follows. All other AIs are terminated by one (or the end).
/// </summary>
internal static class Gs1PredefinedLength
{
    private static readonly Dictionary<string, int> TotalLengths = new(StringComparer.Ordinal)
    {
        ["00"] = 20, ["01"] = 16, ["02"] = 16, ["03"] = 16, ["04"] = 18,
        ["11"] = 8, ["12"] = 8, ["13"] = 8, ["14"] = 8, ["15"] = 8, ["16"] = 8, ["17"] = 8, ["18"] = 8, ["19"] = 8,
        ["20"] = 4,
        ["31"] = 10, ["32"] = 10, ["33"] = 10, ["34"] = 10, ["35"] = 10, ["36"] = 10,
        ["41"] = 16,
    };

    /// <summary>AI plus data length when the AI's first two digits are in the table; otherwise null.</summary>
    public static int? TotalLength(string ai) =>
        ai.Length >= 2 && TotalLengths.TryGetValue(ai[..2], out var length) ? length : null;
}
