namespace EdgeAgent.Drivers.Scanners;

/// <summary>The AIM symbology identifiers (<c>]</c>, code character, modifier) and how their data is read.</summary>
internal static class SymbologyIdentifier
{
    public const int Length = 3;

    private static readonly Dictionary<string, (Symbology Symbology, DataSyntax Syntax)> Known = new(StringComparer.Ordinal)
    {
        ["]C0"] = (Symbology.Code128, DataSyntax.Plain),
        ["]C1"] = (Symbology.Gs1128, DataSyntax.Gs1ElementString),
        ["]d1"] = (Symbology.DataMatrix, DataSyntax.Plain),
        ["]d2"] = (Symbology.Gs1DataMatrix, DataSyntax.Gs1ElementString),
        ["]Q1"] = (Symbology.QrCode, DataSyntax.Plain),
        ["]Q3"] = (Symbology.Gs1QrCode, DataSyntax.Gs1ElementString),
        ["]e0"] = (Symbology.Gs1DataBar, DataSyntax.Gs1ElementString),
        ["]E0"] = (Symbology.Ean13, DataSyntax.Ean13),
        ["]E4"] = (Symbology.Ean8, DataSyntax.Ean8),
    };

    public enum DataSyntax
    {
        Plain,
        Gs1ElementString,
        Ean13,
        Ean8,
    }

    /// <summary>
    /// Reads the identifier at the start of <paramref name="raw"/>. False when it starts with <c>]</c>
    /// but not with a well-formed identifier; no <c>]</c> at all is <see cref="Symbology.Unidentified"/>.
    /// </summary>
    public static bool TryRead(string raw, out string identifier, out Symbology symbology, out DataSyntax syntax)
    {
        identifier = "";
        symbology = Symbology.Unidentified;
        syntax = DataSyntax.Plain;
        if (raw.Length == 0 || raw[0] != ']')
        {
            return true;
        }

        if (raw.Length < Length || !char.IsAsciiLetter(raw[1]) || !char.IsAsciiLetterOrDigit(raw[2]))
        {
            return false;
        }

        identifier = raw[..Length];
        (symbology, syntax) = Known.TryGetValue(identifier, out var known) ? known : (Symbology.Other, DataSyntax.Plain);
        return true;
    }
}
