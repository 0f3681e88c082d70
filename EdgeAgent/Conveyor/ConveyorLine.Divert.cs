using System.Device.Gpio;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Plc;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Conveyor;

/// <summary>
/// The sorter after the scanner: each SSCC read is a governed <c>carton.divert</c> to its carrier's lane, or to the
/// reject lane (no read, unknown carton, wrong lane, label or weight mismatch). A carton on a moving belt cannot
/// wait for a person, so a divert the gate does not let the agent make goes to the reject lane, where a person
/// routes it. The lane's actuator is a GPIO output pulsed for <see cref="DivertOptions.PulseMs"/>.
/// </summary>
public sealed partial class ConveyorLine
{
    private readonly Dictionary<string, int> _lanePins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DivertLaneOptions> _lanes = new(StringComparer.Ordinal);
    private StackLight? _divertLight;

    /// <summary>What the sorter's light shows: amber after a carton went to the reject lane; null when none is configured.</summary>
    public StackLightSignal? DivertLightSignal => _divertLight?.Signal;

    private void OpenDivertPins(SensorBank bank)
    {
        var divert = _options.Divert;
        if (!divert.Enabled)
        {
            return;
        }

        foreach (var lane in divert.Lanes.Append(divert.Reject!))
        {
            _lanes[lane.Name] = lane;
            if (lane.Pin is { } pin)
            {
                gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
                _lanePins[lane.Name] = pin;
            }
        }

        _divertLight = divert.Light is { Length: > 0 } light ? bank.StackLights[light] : null;
        _divertLight?.Set(StackLightSignal.Normal);
    }

    private void CloseDivertPins()
    {
        foreach (var pin in _lanePins.Values.Where(gpio.IsPinOpen))
        {
            gpio.ClosePin(pin);
        }
    }

    private async Task DivertAsync(CartonScanned scan, CartonLabel? label, CancellationToken ct)
    {
        var divert = _options.Divert;
        if (!divert.Enabled || gate is not { } governance)
        {
            return;
        }

        var choice = DivertChoice.Decide(scan, label, divert);
        var reject = divert.Reject!.Name;
        var lane = await store.WriteAsync<(string Lane, string Reason, long DecisionSeq)>(db =>
        {
            var verdict = governance.DecideAndExecute(db, new ProposedAction
            {
                ActionType = ActionTypes.CartonDivert,
                Scope = new ScopeFacts(),
                Trigger = $"carton.scanned {scan.DeviceId}#{scan.Seq}: {scan.Sscc ?? "no read"}",
                Inputs = GovernanceJson.Serialize(new { scanner = scan.DeviceId, read = scan.Raw, scan.Sscc, carrier = label?.Carrier, order = label?.OrderNumber, expectedWeightKg = label?.ExpectedWeightKg, weighedKg = scan.Barcode?.Gs1?.NetWeightKg, detail = choice.Detail }),
                Method = new DecisionMethod { Kind = "rule", Name = "carton-sort", Version = "1" },
                Confidence = DivertChoice.Confidence,
                Outcome = GovernanceJson.Serialize(new { sscc = scan.Sscc, lane = choice.Lane, reason = choice.Reason, scanner = scan.DeviceId }),
                Summary = $"Carton {scan.Sscc ?? "(no read)"} to {choice.Lane}: {choice.Reason} ({choice.Detail})",
                AffectedOrders = label is null ? [] : [label.OrderNumber],
            });
            if (verdict.Kind == VerdictKind.Execute)
            {
                return (choice.Lane, choice.Reason, verdict.DecisionSeq);
            }

            new FloorCollections(db, journal).Record(new Floor.CartonDiverted
            {
                At = time.GetUtcNow().UtcDateTime,
                DeviceId = scan.DeviceId,
                Seq = verdict.DecisionSeq,
                Sscc = scan.Sscc,
                Lane = reject,
                Reason = "awaiting-decision",
                DecisionSeq = verdict.DecisionSeq,
                Actor = Audit.AuditLog.SystemActor,
            });
            return (reject, "awaiting-decision", verdict.DecisionSeq);
        }, ct);
        _divertLight?.Set(lane.Lane == reject ? StackLightSignal.Warning : StackLightSignal.Normal);
        if (_lanePins.TryGetValue(lane.Lane, out var pin))
        {
            _ = PulseAsync(pin, ct);
        }

        if (_lanes[lane.Lane] is { Plc: { } plc, PlcTag: { } tag })
        {
            await TellPlcAsync(new PlcDivertCommand
            {
                PlcId = plc,
                Tag = tag,
                Lane = lane.Lane,
                Sscc = scan.Sscc,
                Reason = lane.Reason,
                DecisionSeq = lane.DecisionSeq,
                ScannerId = scan.DeviceId,
                ScanSeq = scan.Seq,
                At = time.GetUtcNow(),
            }, ct);
        }
    }

    // The belt does not wait: a PLC that did not get the command is logged (once a minute per PLC and outcome) and
    // counted; the carton goes where the PLC's own default sends it, as with a stuck actuator.
    private async Task TellPlcAsync(PlcDivertCommand command, CancellationToken ct)
    {
        var result = _plc is { } plc ? await plc.PublishAsync(command, ct) : PlcDivertResult.NotConnected;
        if (result != PlcDivertResult.Published && _plcLog.ShouldLog($"{command.PlcId}\n{result}", out var suppressed))
        {
            LogPlcDivertNotDelivered(_logger, command.PlcId, command.Lane, command.Sscc, result, suppressed);
        }
    }

    [LoggerMessage(EventId = 53, Level = LogLevel.Warning, Message = "Divert of carton {Sscc} to {Lane} not delivered to PLC {Plc}: {Result} ({Suppressed} similar not logged)")]
    private static partial void LogPlcDivertNotDelivered(ILogger logger, string plc, string lane, string? sscc, PlcDivertResult result, long suppressed);

    private async Task PulseAsync(int pin, CancellationToken ct)
    {
        gpio.Write(pin, PinValue.High);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.Divert.PulseMs), time, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the output still goes low below.
        }
        finally
        {
            if (gpio.IsPinOpen(pin))
            {
                gpio.Write(pin, PinValue.Low);
            }
        }
    }
}
