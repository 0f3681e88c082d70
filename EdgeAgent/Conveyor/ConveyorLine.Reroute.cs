using System.Collections.Concurrent;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Governance;

namespace EdgeAgent.Conveyor;

/// <summary>The printer group's failover as a governed <c>print.reroute</c> decision, recorded with the fault that caused it.</summary>
public sealed partial class ConveyorLine
{
    // A hard fault needs a person at the printer: its queue should move. A silent or paused printer may come back in seconds.
    private const PrinterFaults HardFaults = PrinterFaults.PaperOut | PrinterFaults.HeadOpen | PrinterFaults.RibbonOut
        | PrinterFaults.OverTemperature | PrinterFaults.CorruptRam | PrinterFaults.ConnectionRefused;

    private readonly ConcurrentDictionary<string, long> _reroutesProposed = new(StringComparer.Ordinal);

    /// <summary>How sure the rule is that the printer stays down long enough to move its queue.</summary>
    public static double RerouteConfidence(PrinterFaults faults) => (faults & HardFaults) != 0 ? 0.95 : 0.6;

    /// <summary>Proposes moving a faulted printer's queued labels once per fault; the gate decides who acts.</summary>
    private async Task ProposeRerouteAsync(PrinterFaulted faulted, CancellationToken ct)
    {
        var states = _printers?.Printers ?? [];
        var queued = states.FirstOrDefault(p => p.Id == faulted.PrinterId)?.QueuedJobs ?? 0;
        if (gate is not { } governance || queued == 0 || !_reroutesProposed.TryAdd(faulted.PrinterId, 0))
        {
            return;
        }

        var healthy = states.Where(p => p.Id != faulted.PrinterId && p.Healthy == true).Select(p => p.Id).ToList();
        var verdict = await store.WriteAsync(db => governance.DecideAndExecute(db, new ProposedAction
        {
            ActionType = ActionTypes.PrintReroute,
            Scope = new ScopeFacts(),
            Trigger = $"printer.faulted {faulted.PrinterId}: {faulted.Faults}",
            Inputs = GovernanceJson.Serialize(new { printer = faulted.PrinterId, faults = faulted.Faults.ToString(), detail = faulted.Detail, queued, healthy }),
            Method = new DecisionMethod { Kind = "rule", Name = "printer-failover", Version = "1" },
            Confidence = RerouteConfidence(faulted.Faults),
            Outcome = GovernanceJson.Serialize(new { fromPrinter = faulted.PrinterId, faults = faulted.Faults.ToString(), jobs = queued }),
            Summary = $"Move {queued} label(s) off {faulted.PrinterId} ({faulted.Faults}) to {(healthy.Count > 0 ? string.Join(" or ", healthy) : "the first printer to recover")}",
            Alternatives = [new AlternativeOutcome { Outcome = GovernanceJson.Serialize(new { fromPrinter = faulted.PrinterId, wait = true }), Summary = $"Leave them queued until {faulted.PrinterId} is fixed" }],
        }), ct);
        _reroutesProposed[faulted.PrinterId] = verdict.DecisionSeq;
        LogRerouteProposed(_logger, faulted.PrinterId, faulted.Faults, queued, verdict.Kind);
    }

    /// <summary>Moves each decided reroute's queue (the decision is written by the time it is read).</summary>
    private async Task ApplyReroutesAsync(PrinterGroup printers, CancellationToken ct)
    {
        await foreach (var (from, decisionSeq) in reroutes.Reader.ReadAllAsync(ct))
        {
            var moved = await printers.RerouteAsync(from, ct);
            _reroutesProposed.TryRemove(from, out _);
            LogRerouted(_logger, from, moved, decisionSeq);
        }
    }

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "print.reroute off {Printer} ({Faults}) for {Jobs} queued label(s): {Verdict}")]
    private static partial void LogRerouteProposed(ILogger logger, string printer, PrinterFaults faults, int jobs, VerdictKind verdict);

    [LoggerMessage(EventId = 52, Level = LogLevel.Information, Message = "Moved {Jobs} label job(s) off {Printer} (decision {DecisionSeq})")]
    private static partial void LogRerouted(ILogger logger, string printer, int jobs, long decisionSeq);
}
