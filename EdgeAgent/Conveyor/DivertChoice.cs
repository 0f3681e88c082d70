using System.Globalization;
using EdgeAgent.Drivers.Scanners;

namespace EdgeAgent.Conveyor;

/// <summary>Where one carton should go, and why: its lane by carrier, or the reject lane with the reason.</summary>
public sealed record DivertChoice(string Lane, string Reason, string Detail)
{
    /// <summary>The rule's confidence: a check-digit-valid read against the released label leaves little doubt either way.</summary>
    public const double Confidence = 0.99;

    public bool Rejected => Reason != "sorted";

    public static DivertChoice Decide(CartonScanned scan, CartonLabel? label, DivertOptions options)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(options);
        var reject = options.Reject!.Name;
        if (scan.Sscc is not { } sscc)
        {
            return new(reject, "no-read", scan.Error is { } error ? $"{error.Code}: {error.Reason}" : "no SSCC in the read");
        }

        if (label is null)
        {
            return new(reject, "unknown-carton", $"no label released for SSCC {sscc}");
        }

        var lane = options.Lanes.FirstOrDefault(l => l.Carriers.Contains(label.Carrier, StringComparer.OrdinalIgnoreCase));
        if (lane is null)
        {
            return new(reject, "wrong-lane", $"no lane of this sorter serves carrier {label.Carrier}");
        }

        if (scan.Barcode?.Gs1?.CustomerOrder is { } order && !string.Equals(order, label.OrderNumber, StringComparison.Ordinal))
        {
            return new(reject, "label-mismatch", $"the carton's (400) says order {order}, its SSCC was released for {label.OrderNumber}");
        }

        if (label.ExpectedWeightKg is { } expected && scan.Barcode?.Gs1?.NetWeightKg is { } weighed && Math.Abs((double)weighed - expected) > options.WeightToleranceKg)
        {
            return new(reject, "weight-mismatch", string.Create(CultureInfo.InvariantCulture, $"weighed {weighed} kg, expected {expected} kg ± {options.WeightToleranceKg}"));
        }

        return new(lane.Name, "sorted", $"carrier {label.Carrier}");
    }
}
