using System.Text.Json;
using EdgeAgent.Governance;
using LiteDB;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Conveyor;

/// <summary>
/// Applies <c>carton.divert</c>: <c>{"sscc":"…","lane":"lane-ups","reason":"sorted"}</c> records where the carton
/// was sent. The line fires the lane's actuator itself once an automated divert is written; a divert approved or
/// carried out later by a person records where that person sent the carton (it waited in the reject lane).
/// </summary>
public sealed class CartonDivertAction : IGovernedAction
{
    public string ActionType => ActionTypes.CartonDivert;

    public string? Check(LiteDatabase db, JsonElement outcome) =>
        outcome.ValueKind == JsonValueKind.Object && outcome.TryGetProperty("lane", out var lane) && lane.ValueKind == JsonValueKind.String && lane.GetString() is { Length: > 0 }
            ? null
            : "carton.divert needs {\"sscc\": \"...\" or null, \"lane\": \"...\"}";

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var outcome = execution.Outcome;
        var lane = outcome.GetProperty("lane").GetString()!;
        var sscc = outcome.TryGetProperty("sscc", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var reason = outcome.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "sorted";
        execution.Journal.Record(db, new Floor.CartonDiverted
        {
            At = execution.At,
            DeviceId = outcome.TryGetProperty("scanner", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : GovernanceEvents.DeviceId,
            Seq = execution.DecisionSeq,
            Sscc = sscc,
            Lane = lane,
            Reason = reason,
            DecisionSeq = execution.DecisionSeq,
            Actor = execution.Actor,
        });
        return $"carton {sscc ?? "(no read)"} to {lane} ({reason})";
    }
}
