using System.Globalization;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;

namespace EdgeAgent.Exceptions;

/// <summary>
/// An SLA that ran out as a governed <c>exception.escalate</c> decision: the SLA rule proposes the next
/// queue, the gate decides. Automated, it escalates at once; otherwise the case keeps its queue, stops its
/// timer, and a supervisor approves (or carries out) the escalation.
/// </summary>
internal static class ExceptionEscalation
{
    public static ProposedAction Propose(ExceptionCase c, string to, int level) => new()
    {
        ActionType = ActionTypes.ExceptionEscalate,
        Scope = new ScopeFacts(),
        Trigger = string.Create(CultureInfo.InvariantCulture, $"SLA of exception {c.Id} ({c.Type} {c.Subject}) ran out in {c.Queue}"),
        Inputs = GovernanceJson.Serialize(new { c.Id, c.Type, c.Subject, c.Severity, c.Queue, c.Level, c.Occurrences, c.OpenedAt, c.DueAt }),
        Method = new DecisionMethod { Kind = "rule", Name = "sla-timer", Version = "1" },
        Confidence = 1.0,
        Outcome = GovernanceJson.Serialize(new { caseId = c.Id, level, to }),
        Summary = string.Create(CultureInfo.InvariantCulture, $"Escalate exception {c.Id} ({c.Type} {c.Subject}) from {c.Queue} to {to}"),
    };

    /// <summary>Moves the case to <paramref name="to"/> at <paramref name="level"/>, with a fresh SLA unless the chain ends there.</summary>
    public static void Apply(FloorCollections floor, ExceptionCase c, int level, string to, TimeSpan? sla, DateTime now, long decisionSeq)
    {
        var from = c.Queue;
        c.Level = level;
        c.Queue = to;
        c.DueAt = sla is { } next ? now + next : null;
        c.PendingEscalation = null;
        ExceptionBook.Cases(floor.Database).Update(c);
        floor.Record(ExceptionEvents.Escalated(c, from, now, decisionSeq));
    }
}
