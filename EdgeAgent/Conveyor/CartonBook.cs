using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Scanners;
using LiteDB;

namespace EdgeAgent.Conveyor;

/// <summary>The shipments' carton labels by SSCC: what the line prints when a carton is scanned.</summary>
public static class CartonBook
{
    public const string Collection = "carton_labels";

    /// <summary>Every problem with a release, each naming the index and field; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<NewCartonLabel?>? cartons)
    {
        if (cartons is null || cartons.Count == 0)
        {
            return ["the body must be a non-empty JSON array of carton labels"];
        }

        var problems = new List<string>();
        for (var i = 0; i < cartons.Count; i++)
        {
            if (cartons[i] is not { } carton)
            {
                problems.Add($"[{i}]: is null");
                continue;
            }

            if (carton.Sscc is not { Length: 18 } sscc || !sscc.All(char.IsAsciiDigit) || !Gs1CheckDigit.IsValid(sscc))
            {
                problems.Add($"[{i}].sscc: must be 18 digits with a valid GS1 check digit");
            }

            Text(problems, i, "shipToName", carton.ShipToName);
            Text(problems, i, "orderNumber", carton.OrderNumber);
            Text(problems, i, "carrier", carton.Carrier);
            var address = carton.ShipToAddress ?? [];
            if (address.Count is 0 or > ShippingLabelTemplate.MaxAddressLines)
            {
                problems.Add($"[{i}].shipToAddress: 1 to {ShippingLabelTemplate.MaxAddressLines} lines");
            }

            for (var line = 0; line < address.Count; line++)
            {
                Text(problems, i, $"shipToAddress[{line}]", address[line]);
            }
        }

        return problems;
    }

    /// <summary>Stores (or replaces) the labels; returns how many.</summary>
    public static int Put(LiteDatabase db, IEnumerable<NewCartonLabel> cartons)
    {
        var book = db.GetCollection<CartonLabel>(Collection);
        var count = 0;
        foreach (var carton in cartons)
        {
            book.Upsert(new CartonLabel
            {
                Id = carton.Sscc!,
                ShipToName = carton.ShipToName!,
                ShipToAddress = [.. carton.ShipToAddress!],
                OrderNumber = carton.OrderNumber!,
                Carrier = carton.Carrier!,
                ExpectedWeightKg = carton.WeightKg,
            });
            count++;
        }

        return count;
    }

    private static void Text(List<string> problems, int index, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"[{index}].{field}: is required");
        }
        else if (value.Length > ShippingLabelTemplate.MaxTextLength)
        {
            problems.Add($"[{index}].{field}: at most {ShippingLabelTemplate.MaxTextLength} characters");
        }
    }
}
