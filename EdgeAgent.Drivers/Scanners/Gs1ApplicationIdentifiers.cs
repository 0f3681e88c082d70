namespace EdgeAgent.Drivers.Scanners;

/// <summary>The application identifiers this decoder knows; any other AI is <see cref="Gs1ErrorCode.UnknownAi"/>.</summary>
internal static class Gs1ApplicationIdentifiers
{
    private static readonly Dictionary<string, Gs1ApplicationIdentifier> ByAi = Build();

    public static IEnumerable<Gs1ApplicationIdentifier> All => ByAi.Values;

    /// <summary>The AI starting at <paramref name="start"/> (AIs are prefix-free, so at most one of 2, 3 or 4 digits matches).</summary>
    public static Gs1ApplicationIdentifier? Match(string data, int start)
    {
        for (var length = 2; length <= 4 && start + length <= data.Length; length++)
        {
            if (!char.IsAsciiDigit(data[start + length - 1]))
            {
                return null;
            }

            if (ByAi.TryGetValue(data.Substring(start, length), out var ai))
            {
                return ai;
            }
        }

        return null;
    }

    private static Dictionary<string, Gs1ApplicationIdentifier> Build()
    {
        var list = new List<Gs1ApplicationIdentifier>
        {
            Fixed("00", "SSCC", Gs1ValueKind.NumericWithCheckDigit, 18),
            Fixed("01", "GTIN", Gs1ValueKind.NumericWithCheckDigit, 14),
            Fixed("02", "CONTENT", Gs1ValueKind.NumericWithCheckDigit, 14),
            Variable("10", "BATCH/LOT", Gs1ValueKind.Alphanumeric, 20),
            Fixed("11", "PROD DATE", Gs1ValueKind.Date, 6),
            Fixed("12", "DUE DATE", Gs1ValueKind.Date, 6),
            Fixed("13", "PACK DATE", Gs1ValueKind.Date, 6),
            Fixed("15", "BEST BEFORE", Gs1ValueKind.Date, 6),
            Fixed("16", "SELL BY", Gs1ValueKind.Date, 6),
            Fixed("17", "USE BY OR EXPIRY", Gs1ValueKind.Date, 6),
            Fixed("20", "VARIANT", Gs1ValueKind.Numeric, 2),
            Variable("21", "SERIAL", Gs1ValueKind.Alphanumeric, 20),
            Variable("240", "ADDITIONAL ID", Gs1ValueKind.Alphanumeric, 30),
            Variable("30", "VAR. COUNT", Gs1ValueKind.Numeric, 8),
            Variable("37", "COUNT", Gs1ValueKind.Numeric, 8),
            Variable("400", "ORDER NUMBER", Gs1ValueKind.Alphanumeric, 30),
            Variable("401", "GINC", Gs1ValueKind.Alphanumeric, 30),
            Fixed("402", "GSIN", Gs1ValueKind.NumericWithCheckDigit, 17),
            Variable("403", "ROUTE", Gs1ValueKind.Alphanumeric, 30),
            Fixed("410", "SHIP TO LOC", Gs1ValueKind.NumericWithCheckDigit, 13),
            Fixed("411", "BILL TO", Gs1ValueKind.NumericWithCheckDigit, 13),
            Fixed("412", "PURCHASE FROM", Gs1ValueKind.NumericWithCheckDigit, 13),
            Fixed("413", "SHIP FOR LOC", Gs1ValueKind.NumericWithCheckDigit, 13),
            Fixed("414", "LOC No.", Gs1ValueKind.NumericWithCheckDigit, 13),
            Fixed("415", "PAY TO", Gs1ValueKind.NumericWithCheckDigit, 13),
            Variable("420", "SHIP TO POST", Gs1ValueKind.Alphanumeric, 20),
        };
        for (var decimals = 0; decimals <= 5; decimals++)
        {
            list.Add(Fixed($"310{decimals}", "NET WEIGHT (kg)", Gs1ValueKind.Numeric, 6));
        }

        return list.ToDictionary(ai => ai.Ai, StringComparer.Ordinal);
    }

    private static Gs1ApplicationIdentifier Fixed(string ai, string title, Gs1ValueKind kind, int length) => new(ai, title, kind, length, length);

    private static Gs1ApplicationIdentifier Variable(string ai, string title, Gs1ValueKind kind, int maxLength) => new(ai, title, kind, 1, maxLength);
}
