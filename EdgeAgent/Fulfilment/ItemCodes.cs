using EdgeAgent.Drivers.Scanners;

namespace EdgeAgent.Fulfilment;

/// <summary>GTINs as the floor compares them: every length zero-padded to 14 digits, as GS1 does in (01).</summary>
public static class ItemCodes
{
    public const int MaxGtinsPerItem = 32;

    /// <summary>The GTIN-14 of a GTIN-8/12/13/14 with a valid check digit; null with the problem otherwise.</summary>
    public static string? Normalise(string? gtin, out string problem)
    {
        problem = "";
        var digits = gtin?.Trim() ?? "";
        if (digits.Length is not (8 or 12 or 13 or 14) || !digits.All(char.IsAsciiDigit))
        {
            problem = $"'{gtin}' is not a GTIN (8, 12, 13 or 14 digits)";
            return null;
        }

        if (!Gs1CheckDigit.IsValid(digits))
        {
            problem = $"GTIN {digits} has a bad check digit (should be {Gs1CheckDigit.Compute(digits.AsSpan(0, digits.Length - 1))})";
            return null;
        }

        return digits.PadLeft(14, '0');
    }

    /// <summary>The normalised list, or null with problems added under <paramref name="field"/>.</summary>
    public static List<string> NormaliseAll(IReadOnlyList<string>? gtins, string field, List<string> problems)
    {
        var result = new List<string>();
        if (gtins is null)
        {
            return result;
        }

        if (gtins.Count > MaxGtinsPerItem)
        {
            problems.Add($"{field}: at most {MaxGtinsPerItem} GTINs, got {gtins.Count}");
            return result;
        }

        for (var i = 0; i < gtins.Count; i++)
        {
            if (Normalise(gtins[i], out var problem) is { } gtin)
            {
                result.Add(gtin);
            }
            else
            {
                problems.Add($"{field}[{i}]: {problem}");
            }
        }

        return result;
    }
}
