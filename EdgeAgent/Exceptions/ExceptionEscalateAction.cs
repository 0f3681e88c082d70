using System.Text.Json;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

/// <summary>
/// Applies an approved (or by-hand) <c>exception.escalate</c>: <c>{"caseId":7,"level":2,"to":"maintenance-lead"}</c>
/// moves an unresolved case to the next queue of its chain.
/// </summary>
public sealed class ExceptionEscalateAction(IOptions<ExceptionOptions> options) : IGovernedAction
{
    public string ActionType => ActionTypes.ExceptionEscalate;

    public string? Check(LiteDatabase db, JsonElement outcome) => Resolve(db, outcome, out _, out _, out _);

    public string Apply(LiteDatabase db, GovernedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (Resolve(db, execution.Outcome, out var c, out var level, out var to) is { } refusal)
        {
            throw new InvalidOperationException($"exception.escalate applied without a successful check: {refusal}");
        }

        var chain = options.Value.Types.TryGetValue(c!.Type, out var row) ? row.EscalationChain : [];
        ExceptionEscalation.Apply(new FloorCollections(db, execution.Journal), c, level, to!, level < chain.Length ? row!.Sla : null, execution.At, execution.DecisionSeq);
        return $"exception {c.Id} escalated to {to} (level {level})";
    }

    private static string? Resolve(LiteDatabase db, JsonElement outcome, out ExceptionCase? c, out int level, out string? to)
    {
        c = null;
        level = 0;
        to = null;
        if (outcome.ValueKind != JsonValueKind.Object
            || !outcome.TryGetProperty("caseId", out var id) || !id.TryGetInt64(out var caseId)
            || !outcome.TryGetProperty("level", out var l) || !l.TryGetInt32(out level)
            || !outcome.TryGetProperty("to", out var t) || t.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(t.GetString()))
        {
            return "exception.escalate needs {\"caseId\": 7, \"level\": 2, \"to\": \"team or role\"}";
        }

        to = t.GetString()!.Trim();
        c = ExceptionBook.Cases(db).FindById(caseId);
        return c switch
        {
            null => $"exception {caseId} does not exist",
            { Status: ExceptionStatus.Resolved } => $"exception {caseId} is already resolved",
            _ when level <= c.Level => $"exception {caseId} is already at level {c.Level}",
            _ => null,
        };
    }
}
