using System.Text.Json;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Governance;

/// <summary>The executors by action type; an action type without an owner yet gets a hand-off floor event.</summary>
public sealed class GovernedActions
{
    private readonly Dictionary<string, IGovernedAction> _executors;
    private readonly FloorJournal? _journal;

    public GovernedActions(IEnumerable<IGovernedAction> executors, FloorJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(executors);
        _executors = executors.ToDictionary(e => e.ActionType, StringComparer.Ordinal);
        _journal = journal;
    }

    public bool HasExecutor(string actionType) => _executors.ContainsKey(actionType);

    public string? Check(LiteDatabase db, string actionType, JsonElement outcome) =>
        _executors.TryGetValue(actionType, out var executor) ? executor.Check(db, outcome) : null;

    public string Apply(LiteDatabase db, string actionType, JsonElement outcome, long decisionSeq, string actor, DateTime at)
    {
        var journal = _journal ?? FloorJournal.Standalone;
        if (_executors.TryGetValue(actionType, out var executor))
        {
            return executor.Apply(db, new GovernedExecution { ActionType = actionType, Outcome = outcome, DecisionSeq = decisionSeq, Actor = actor, At = at, Journal = journal });
        }

        journal.Record(db, new DecisionHandedOff
        {
            At = at,
            DeviceId = GovernanceEvents.DeviceId,
            Seq = decisionSeq,
            Action = actionType,
            DecisionSeq = decisionSeq,
            Actor = actor,
            OutcomeJson = outcome.GetRawText(),
        });
        return $"handed to the part that owns {actionType} (floor event {FloorEventTypes.WireName<DecisionHandedOff>()})";
    }
}
