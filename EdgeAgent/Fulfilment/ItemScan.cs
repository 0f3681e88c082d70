using System.Globalization;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Scanners;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Whether a handheld's item scan is the task's item: the SKU as printed, or a GS1 code (GS1-128, DataMatrix,
/// EAN) whose GTIN is one the ERP released with the task, with the batch and expiry the task asks for.
/// </summary>
internal sealed record ItemScan
{
    public required bool Matched { get; init; }

    public HandheldErrorCode Error { get; init; }

    public string Text { get; init; } = "";

    public string? Gtin { get; init; }

    public string? Batch { get; init; }

    public DateOnly? Expiry { get; init; }

    public static ItemScan Check(PickTask task, string code, BarcodeDecoder decoder)
    {
        if (string.Equals(code, task.Sku, StringComparison.OrdinalIgnoreCase))
        {
            return new ItemScan { Matched = true };
        }

        var decoded = decoder.Decode(code);
        if (!decoded.IsValid)
        {
            return Wrong(code.StartsWith(']') ? $"Unreadable GS1 code ({decoded.Error.Reason}). Scan {task.Sku}" : $"Wrong item {code}. Scan {task.Sku}");
        }

        var barcode = decoded.Barcode;
        var gtin = barcode.Gtin ?? barcode.Gs1?.ContentGtin ?? ItemCodes.Normalise(barcode.Data, out _);
        if (gtin is null)
        {
            return Wrong($"Wrong item {code}. Scan {task.Sku}");
        }

        var batch = barcode.Gs1?.Batch;
        var expiry = barcode.Gs1?.Expiry ?? barcode.Gs1?.BestBefore;
        var read = Read(gtin, batch, expiry);
        if (!task.Gtins.Contains(gtin, StringComparer.Ordinal))
        {
            return Wrong(task.Gtins.Count == 0
                ? $"Read {read}, but no GTIN was released for {task.Sku}. Scan {task.Sku}'s own code"
                : $"Wrong item: read {read}, not {task.Sku}. Scan {task.Sku}") with { Gtin = gtin, Batch = batch, Expiry = expiry };
        }

        if (task.Batch is { } wanted && !string.Equals(batch, wanted, StringComparison.Ordinal))
        {
            return new ItemScan
            {
                Matched = false,
                Error = HandheldErrorCode.WrongBatch,
                Text = batch is null ? $"Read {read} without a batch: this task takes batch {wanted}. Scan the code showing (10)" : $"Wrong batch: read {read}, this task takes batch {wanted}",
                Gtin = gtin, Batch = batch, Expiry = expiry,
            };
        }

        if (task.MinExpiry is { } minimum && (expiry is null || expiry.Value.ToDateTime(TimeOnly.MinValue) < minimum))
        {
            var floor = DateOnly.FromDateTime(minimum).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new ItemScan
            {
                Matched = false,
                Error = HandheldErrorCode.ExpiryTooSoon,
                Text = expiry is null ? $"Read {read} without an expiry date: this task needs stock expiring on or after {floor}. Scan the code showing (17)" : $"Expires too soon: read {read}, this task needs stock expiring on or after {floor}",
                Gtin = gtin, Batch = batch, Expiry = expiry,
            };
        }

        return new ItemScan { Matched = true, Gtin = gtin, Batch = batch, Expiry = expiry };
    }

    private static ItemScan Wrong(string text) => new() { Matched = false, Error = HandheldErrorCode.WrongItem, Text = text };

    private static string Read(string gtin, string? batch, DateOnly? expiry) =>
        string.Create(CultureInfo.InvariantCulture, $"GTIN {gtin}{(batch is null ? "" : $" batch {batch}")}{(expiry is { } e ? $" expiry {e:yyyy-MM-dd}" : "")}");
}
