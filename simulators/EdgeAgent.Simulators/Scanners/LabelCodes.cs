using System.Globalization;

namespace EdgeAgent.Simulators.Scanners;

/// <summary>
/// Builds the GS1 strings a scanner reads off real labels, with the AIM identifier in front. The
/// device side computes its own check digits: it must not trust the agent's code it is testing.
/// </summary>
public static class LabelCodes
{
    public const char Fnc1 = '\u001D';

    /// <summary>The mod-10 check digit of a GTIN or SSCC body (weights 3,1,3,… from the right).</summary>
    public static int CheckDigit(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var weight = (body.Length - i) % 2 == 1 ? 3 : 1;
            sum += (body[i] - '0') * weight;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>An 18-digit SSCC: extension digit, company prefix, serial reference, check digit.</summary>
    public static string Sscc(int extension, string companyPrefix, long serialReference)
    {
        ArgumentNullException.ThrowIfNull(companyPrefix);
        var serialDigits = 16 - companyPrefix.Length;
        var body = string.Create(CultureInfo.InvariantCulture, $"{extension % 10}{companyPrefix}{(serialReference % (long)Math.Pow(10, serialDigits)).ToString(new string('0', serialDigits), CultureInfo.InvariantCulture)}");
        return body + CheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A GTIN-14 from a 13-digit body.</summary>
    public static string Gtin14(string body13) => body13 + CheckDigit(body13).ToString(CultureInfo.InvariantCulture);

    /// <summary>A carton label's GS1-128: <c>]C1 00 {sscc}</c>.</summary>
    public static string SsccRead(string sscc) => "]C100" + sscc;

    /// <summary>A trade item's GS1 DataMatrix: GTIN, expiry, then batch (variable, so last or followed by FNC1) and serial.</summary>
    public static string GtinBatchExpiryRead(string gtin14, DateOnly expiry, string batch, string? serial = null)
    {
        var read = $"]d201{gtin14}17{expiry.ToString("yyMMdd", CultureInfo.InvariantCulture)}10{batch}";
        return serial is null ? read : read + Fnc1 + "21" + serial;
    }

    /// <summary>A read spoiled by <paramref name="fault"/>, starting from a valid SSCC.</summary>
    public static string Faulty(ReadFault fault, string sscc, Random random)
    {
        ArgumentNullException.ThrowIfNull(sscc);
        ArgumentNullException.ThrowIfNull(random);
        return fault switch
        {
            ReadFault.BadCheckDigit => SsccRead(sscc[..17] + (char)('0' + (((sscc[17] - '0') + 1) % 10))),
            ReadFault.Truncated => SsccRead(sscc)[..(5 + random.Next(1, 17))],
            _ => new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(32, 127)).ToArray()),
        };
    }
}
