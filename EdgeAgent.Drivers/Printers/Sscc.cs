namespace EdgeAgent.Drivers.Printers;

/// <summary>SSCC (GS1 AI 00) checks: 18 digits with a mod-10 check digit (weights 3,1,3,… from the right).</summary>
internal static class Sscc
{
    public const int Length = 18;

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Length || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        return CheckDigit(value.AsSpan(0, Length - 1)) == value[Length - 1] - '0';
    }

    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var weight = (digits.Length - i) % 2 == 1 ? 3 : 1;
            sum += (digits[i] - '0') * weight;
        }

        return (10 - (sum % 10)) % 10;
    }
}
