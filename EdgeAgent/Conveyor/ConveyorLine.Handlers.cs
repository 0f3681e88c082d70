using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Sensors;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Conveyor;

/// <summary>What the line does with each device event.</summary>
public sealed partial class ConveyorLine
{
    private async Task OnSensorEventAsync(SensorEvent sensorEvent, CancellationToken ct)
    {
        switch (sensorEvent)
        {
            case CartonDetected carton:
                await RecordAsync(now => new Floor.CartonDetected { At = now, DeviceId = carton.Sensor, DwellMilliseconds = carton.Dwell.TotalMilliseconds }, ct);
                break;
            case JamDetected jam:
                SetFault($"jam:{jam.Sensor}", "jam");
                await RecordAsync(now => new Floor.ConveyorJammed { At = now, DeviceId = jam.Sensor, BlockedSince = jam.BlockedSince.UtcDateTime }, ct);
                break;
            case JamCleared cleared:
                SetFault($"jam:{cleared.Sensor}", null);
                await RecordAsync(now => new Floor.ConveyorJamCleared { At = now, DeviceId = cleared.Sensor, BlockedSeconds = cleared.BlockedFor.TotalSeconds }, ct);
                break;
            case DoorOpenTooLong door:
                _doorsOpenTooLong[door.Sensor] = door.OpenSince;
                await RecordAsync(now => new Floor.DoorOpenTooLong { At = now, DeviceId = door.Sensor, OpenSince = door.OpenSince.UtcDateTime }, ct);
                break;
            case SensorChanged { Role: SensorRole.DoorSwitch, Active: false } closed when _doorsOpenTooLong.TryRemove(closed.Sensor, out var since):
                // Only a door that stayed open too long is news when it closes: its exception clears.
                await RecordAsync(now => new Floor.DoorClosed { At = now, DeviceId = closed.Sensor, OpenSeconds = (closed.At - since).TotalSeconds }, ct);
                break;
            default:
                // Plain level changes are the raw material of the events above; not recorded one by one.
                break;
        }
    }

    // Every numbered IO-Link message, before the broker is acknowledged: the master's number is durable, and a
    // jump (messages the broker took and nobody read, e.g. across a killed agent) is recorded with its range.
    private Task OnIoLinkNumberedAsync(IoLinkMessageNumber number, CancellationToken ct) =>
        store.WriteAsync(
            db => DeviceSequences.Advance(new Fulfilment.FloorCollections(db, journal), DeviceSequences.IoLink, number.MasterId, number.Seq, time.GetUtcNow().UtcDateTime, number.Redelivered),
            ct);

    /// <summary>
    /// The reads the scanner gateway had queued, in arrival order (belt order per scanner): one store write records every
    /// read's scanner number and floor event (and their outbox records), so the batch costs one fsync; then each read's
    /// divert and label follow in order. Throws only when the write failed, so nothing of the batch was applied (the
    /// gateway then hands each read alone); a read whose divert or label fails after the write is returned, not thrown.
    /// </summary>
    private async Task<IReadOnlyList<ScanFailure>> OnCartonsScannedAsync(IReadOnlyList<CartonScanned> scans, CancellationToken ct)
    {
        var applied = await store.WriteAsync(db =>
        {
            var floor = new Fulfilment.FloorCollections(db, journal);
            var now = time.GetUtcNow().UtcDateTime;
            var results = new (SequenceStep Step, CartonLabel? Label)[scans.Count];
            for (var i = 0; i < scans.Count; i++)
            {
                results[i] = Apply(db, floor, scans[i], now);
            }

            return results;
        }, ct);

        List<ScanFailure>? failures = null;
        for (var i = 0; i < scans.Count; i++)
        {
            var (step, label) = applied[i];
            if (step == SequenceStep.Duplicate)
            {
                continue;
            }

            try
            {
                await DivertAsync(scans[i], label, ct);
                if (label is not null && scans[i].Sscc is { } read)
                {
                    await PrintAsync(read, label, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                (failures ??= []).Add(new ScanFailure(scans[i], ex));
            }
        }

        return failures ?? (IReadOnlyList<ScanFailure>)[];
    }

    /// <summary>
    /// One read inside the batch's write: the scanner's number and the read's event commit together, so a redelivery after
    /// a restart is known, and a jump (reads the broker took and nobody stored) is recorded with its range.
    /// </summary>
    private static (SequenceStep Step, CartonLabel? Label) Apply(LiteDB.LiteDatabase db, Fulfilment.FloorCollections floor, CartonScanned scan, DateTime now)
    {
        var step = DeviceSequences.Advance(floor, DeviceSequences.Scanner, scan.DeviceId, scan.Seq, now, scan.Redelivered);
        if (step == SequenceStep.Duplicate)
        {
            return (step, null);
        }

        if (scan.Sscc is not { } sscc)
        {
            var why = scan.Error is { } error ? $"{error.Code}: {error.Reason}" : "no SSCC in the read";
            floor.Record(new Floor.CartonNoRead { At = now, DeviceId = scan.DeviceId, Seq = scan.Seq, Reason = why });
            return (step, null);
        }

        var known = db.GetCollection<CartonLabel>(CartonBook.Collection).FindById(sscc);
        floor.Record(known is null
            ? new Floor.CartonUnknown { At = now, DeviceId = scan.DeviceId, Seq = scan.Seq, Sscc = sscc }
            : new Floor.CartonScanned { At = now, DeviceId = scan.DeviceId, Seq = scan.Seq, Sscc = sscc, OrderNumber = known.OrderNumber });
        return (step, known);
    }

    private async Task PrintAsync(string sscc, CartonLabel label, CancellationToken ct)
    {
        var rendered = Render(label);
        if (rendered.Zpl is not { } zpl)
        {
            await RecordAsync(now => new Floor.LabelFailed { At = now, DeviceId = PrinterGroupName, Sscc = sscc, Reason = $"Render{rendered.Error}", Detail = $"label cannot be rendered: {rendered.Detail}" }, ct);
            return;
        }

        var submitted = _printers!.Submit(new PrintJob { Id = LabelJobId(sscc), Zpl = zpl });
        await RecordAsync(
            now => submitted == SubmitResult.DuplicateId
                ? new Floor.LabelDuplicate { At = now, DeviceId = PrinterGroupName, Sscc = sscc }
                : new Floor.LabelRequested { At = now, DeviceId = PrinterGroupName, Sscc = sscc, Submitted = submitted.ToString() },
            ct);
    }

    private async ValueTask OnPrinterEventAsync(PrinterEvent printerEvent, CancellationToken ct)
    {
        switch (printerEvent)
        {
            case PrinterFaulted faulted:
                SetFault($"printer:{faulted.PrinterId}", faulted.Faults.ToString());
                await RecordAsync(now => new Floor.PrinterFaulted { At = now, DeviceId = faulted.PrinterId, Faults = faulted.Faults, Detail = faulted.Detail }, ct);
                await ProposeRerouteAsync(faulted, ct);
                break;
            case PrinterRecovered recovered:
                SetFault($"printer:{recovered.PrinterId}", null);
                _reroutesProposed.TryRemove(recovered.PrinterId, out _);
                await RecordAsync(now => new Floor.PrinterRecovered { At = now, DeviceId = recovered.PrinterId, Cleared = recovered.Cleared }, ct);
                break;
            case JobRerouted rerouted:
                await RecordAsync(now => new Floor.LabelRerouted { At = now, DeviceId = rerouted.FromPrinterId, Sscc = Sscc(rerouted.JobId), ToPrinterId = rerouted.PrinterIdTo, Reason = rerouted.Reason }, ct);
                break;
            case JobPrinted printed:
                await RecordAsync(now => new Floor.LabelPrinted { At = now, DeviceId = printed.PrinterId, Sscc = Sscc(printed.JobId), ReceiptConfirmed = printed.ReceiptConfirmed }, ct);
                break;
            case JobFailed failed:
                await RecordAsync(now => new Floor.LabelFailed { At = now, DeviceId = failed.PrinterId, Sscc = Sscc(failed.JobId), Reason = failed.Reason.ToString(), Attempts = failed.Attempts, Detail = failed.Detail }, ct);
                break;
        }
    }

    private static string LabelJobId(string sscc) => "label-" + sscc;

    private static string Sscc(string jobId)
    {
        var sscc = jobId.StartsWith("label-", StringComparison.Ordinal) ? jobId["label-".Length..] : jobId;
        var reprint = sscc.IndexOf(ReprintMark, StringComparison.Ordinal);
        return reprint < 0 ? sscc : sscc[..reprint];
    }
}
