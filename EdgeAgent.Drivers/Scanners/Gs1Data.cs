using System.Globalization;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>The elements of a GS1 element string, with typed accessors for the AIs the floor uses.</summary>
public sealed record Gs1Data(IReadOnlyList<Gs1Element> Elements)
{
    /// <summary>(00) Serial Shipping Container Code, 18 digits with its check digit.</summary>
    public string? Sscc => Value("00");

    /// <summary>(01) GTIN of the trade item, 14 digits.</summary>
    public string? Gtin => Value("01");

    /// <summary>(02) GTIN of the trade items contained in a logistic unit.</summary>
    public string? ContentGtin => Value("02");

    /// <summary>(10) batch or lot.</summary>
    public string? Batch => Value("10");

    /// <summary>(21) serial number.</summary>
    public string? Serial => Value("21");

    public DateOnly? ProductionDate => Find("11")?.Date;

    public DateOnly? PackagingDate => Find("13")?.Date;

    public DateOnly? BestBefore => Find("15")?.Date;

    /// <summary>(17) expiration date.</summary>
    public DateOnly? Expiry => Find("17")?.Date;

    /// <summary>(30) variable count of items.</summary>
    public int? VariableCount => Integer("30");

    /// <summary>(37) count of trade items (of <see cref="ContentGtin"/>) in a logistic unit.</summary>
    public int? Count => Integer("37");

    /// <summary>(310n) net weight in kilograms, n decimals.</summary>
    public decimal? NetWeightKg
    {
        get
        {
            foreach (var element in Elements)
            {
                if (element.Ai.Length == 4 && element.Ai.StartsWith("310", StringComparison.Ordinal))
                {
                    var decimals = element.Ai[3] - '0';
                    return decimal.Parse(element.Value, NumberStyles.None, CultureInfo.InvariantCulture) / Pow10(decimals);
                }
            }

            return null;
        }
    }

    /// <summary>(400) customer's purchase order number.</summary>
    public string? CustomerOrder => Value("400");

    /// <summary>(410) ship to / deliver to GLN.</summary>
    public string? ShipToGln => Value("410");

    /// <summary>(411) bill to GLN.</summary>
    public string? BillToGln => Value("411");

    /// <summary>(412) purchased from GLN.</summary>
    public string? PurchasedFromGln => Value("412");

    /// <summary>(413) ship for / deliver for / forward to GLN.</summary>
    public string? ShipForGln => Value("413");

    /// <summary>(414) GLN of a physical location.</summary>
    public string? LocationGln => Value("414");

    /// <summary>(415) GLN of the invoicing party.</summary>
    public string? InvoicingPartyGln => Value("415");

    /// <summary>(420) ship-to postal code within one postal authority.</summary>
    public string? ShipToPostalCode => Value("420");

    public Gs1Element? Find(string ai)
    {
        foreach (var element in Elements)
        {
            if (element.Ai == ai)
            {
                return element;
            }
        }

        return null;
    }

    public string? Value(string ai) => Find(ai)?.Value;

    private int? Integer(string ai) =>
        Value(ai) is { } value ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
