using System.Globalization;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Conveyor;

/// <summary>What the line does with each device event.</summary>
public sealed partial class ConveyorLine
{
    private async Task OnSensorEventAsync(SensorEvent sensorEvent, CancellationToken ct)
    {
        switch (sensorEvent)
        {
            case CartonDetected carton:
                await RecordAsync("carton.detected", carton.Sensor, string.Create(CultureInfo.InvariantCulture, $"present {carton.Dwell.TotalMilliseconds:0} ms"), ct);
                break;
            case JamDetected jam:
                SetFault($"jam:{jam.Sensor}", "jam");
                await RecordAsync("conveyor.jam", jam.Sensor, $"blocked since {jam.BlockedSince:O}", ct);
                break;
            case JamCleared cleared:
                SetFault($"jam:{cleared.Sensor}", null);
                await RecordAsync("conveyor.jam-cleared", cleared.Sensor, $"blocked for {cleared.BlockedFor}", ct);
                break;
            case DoorOpenTooLong door:
                await RecordAsync("door.open-too-long", door.Sensor, $"open since {door.OpenSince:O}", ct);
                break;
            default:
                // Plain level changes are the raw material of the events above; not recorded one by one.
                break;
        }
    }

    private async Task OnCartonScannedAsync(CartonScanned scan, CancellationToken ct)
    {
        if (scan.Sscc is not { } sscc)
        {
            var why = scan.Error is { } error ? $"{error.Code}: {error.Reason}" : "no SSCC in the read";
            await RecordAsync("carton.no-read", scan.DeviceId, why, ct);
            return;
        }

        var label = await store.WriteAsync(db =>
        {
            var known = db.GetCollection<CartonLabel>(CartonBook.Collection).FindById(sscc);
            new Fulfilment.FloorCollections(db, journal).Record(new Fulfilment.FloorEvent
            {
                At = time.GetUtcNow().UtcDateTime,
                Type = known is null ? "carton.unknown" : "carton.scanned",
                DeviceId = scan.DeviceId,
                TaskId = sscc,
                Detail = known is null ? "no shipment released for this SSCC: divert to exceptions" : $"order {known.OrderNumber}",
            });
            return known;
        }, ct);
        if (label is not null)
        {
            await PrintAsync(sscc, label, ct);
        }
    }

    private async Task PrintAsync(string sscc, CartonLabel label, CancellationToken ct)
    {
        var rendered = ShippingLabelTemplate.Render(new ShippingLabel
        {
            Sscc = sscc,
            ShipToName = label.ShipToName,
            ShipToAddress = label.ShipToAddress,
            OrderNumber = label.OrderNumber,
            Carrier = label.Carrier,
        });
        if (rendered.Zpl is not { } zpl)
        {
            await RecordAsync("label.failed", PrinterGroupName, $"label cannot be rendered: {rendered.Error} {rendered.Detail}", ct, sscc);
            return;
        }

        var submitted = _printers!.Submit(new PrintJob { Id = LabelJobId(sscc), Zpl = zpl });
        await RecordAsync(
            submitted == SubmitResult.DuplicateId ? "label.duplicate" : "label.requested",
            PrinterGroupName,
            submitted == SubmitResult.DuplicateId ? "carton scanned again: its label is already printing" : $"{submitted}",
            ct,
            sscc);
    }

    private async ValueTask OnPrinterEventAsync(PrinterEvent printerEvent, CancellationToken ct)
    {
        switch (printerEvent)
        {
            case PrinterFaulted faulted:
                SetFault($"printer:{faulted.PrinterId}", faulted.Faults.ToString());
                await RecordAsync("printer.faulted", faulted.PrinterId, $"{faulted.Faults} {faulted.Detail}".Trim(), ct);
                break;
            case PrinterRecovered recovered:
                SetFault($"printer:{recovered.PrinterId}", null);
                await RecordAsync("printer.recovered", recovered.PrinterId, $"cleared {recovered.Cleared}", ct);
                break;
            case JobRerouted rerouted:
                await RecordAsync("label.rerouted", rerouted.FromPrinterId, $"to {rerouted.PrinterIdTo ?? "(parked until a printer recovers)"} because {rerouted.Reason}", ct, Sscc(rerouted.JobId));
                break;
            case JobPrinted printed:
                await RecordAsync("label.printed", printed.PrinterId, printed.ReceiptConfirmed ? "printer confirmed receipt" : "sent; receipt not confirmed", ct, Sscc(printed.JobId));
                break;
            case JobFailed failed:
                await RecordAsync("label.failed", failed.PrinterId, $"{failed.Reason} after {failed.Attempts} attempts {failed.Detail}".Trim(), ct, Sscc(failed.JobId));
                break;
        }
    }

    private static string LabelJobId(string sscc) => "label-" + sscc;

    private static string Sscc(string jobId) => jobId.StartsWith("label-", StringComparison.Ordinal) ? jobId["label-".Length..] : jobId;
}
