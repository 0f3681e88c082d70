namespace EdgeAgent.Drivers.Scanners;

/// <summary>The GS1 mod-10 check digit of GTIN-8/12/13/14, SSCC-18, GLN-13 and GSIN-17 (weights 3,1,3,… from the right).</summary>
public static class Gs1CheckDigit
{
    /// <summary>The check digit for <paramref name="digits"/>, which must not include it; throws on a non-digit or an empty span.</summary>
    public static int Compute(ReadOnlySpan<char> digits) =>
        TryCompute(digits, out var checkDigit)
            ? checkDigit
            : throw new ArgumentException("Expected one or more ASCII digits.", nameof(digits));

    public static bool TryCompute(ReadOnlySpan<char> digits, out int checkDigit)
    {
        checkDigit = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        var sum = 0;
        var weight = 3;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            sum += (c - '0') * weight;
            weight = 4 - weight;
        }

        checkDigit = (10 - (sum % 10)) % 10;
        return true;
    }

    /// <summary>True when the last digit of <paramref name="digitsWithCheckDigit"/> is the check digit of the others.</summary>
    public static bool IsValid(ReadOnlySpan<char> digitsWithCheckDigit) =>
        digitsWithCheckDigit.Length >= 2
        && char.IsAsciiDigit(digitsWithCheckDigit[^1])
        && TryCompute(digitsWithCheckDigit[..^1], out var expected)
        && expected == digitsWithCheckDigit[^1] - '0';

    /// <summary><paramref name="digits"/> followed by its check digit: what a label prints.</summary>
    public static string Append(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return string.Concat(digits, ((char)('0' + Compute(digits))).ToString());
    }
}
