using EdgeAgent.Drivers.Printers;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Conveyor;

/// <summary>A supervisor's reprint of a carton's label, through the printer group like every label.</summary>
public sealed partial class ConveyorLine
{
    private const string ReprintMark = "-reprint-";
    private int _reprints;

    /// <summary>The ZPL the line prints for a released carton; null (with the reason) when the label cannot be rendered.</summary>
    public static LabelRenderResult Render(CartonLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return ShippingLabelTemplate.Render(new ShippingLabel
        {
            Sscc = label.Id,
            ShipToName = label.ShipToName,
            ShipToAddress = label.ShipToAddress,
            OrderNumber = label.OrderNumber,
            Carrier = label.Carrier,
        });
    }

    /// <summary>
    /// Sends the carton's label to the printer group again under a new job id (the group refuses a second job
    /// with the same id), and records who asked. Null when the line has no printers running.
    /// </summary>
    public async Task<(SubmitResult Submitted, string JobId)?> ReprintAsync(CartonLabel label, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_printers is not { } printers || Render(label).Zpl is not { } zpl)
        {
            return null;
        }

        var jobId = LabelJobId(label.Id) + ReprintMark + Interlocked.Increment(ref _reprints).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var submitted = printers.Submit(new PrintJob { Id = jobId, Zpl = zpl });
        await RecordAsync(now => new Floor.LabelRequested { At = now, DeviceId = $"console:{actor}", Sscc = label.Id, Submitted = $"reprint {submitted}" }, ct);
        return (submitted, jobId);
    }
}
