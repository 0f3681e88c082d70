using System.Text.Json;
using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

/// <summary>
/// What people do with exceptions: read the queues, acknowledge, resolve with a code. Each act is a human
/// action in the audit chain, committed with the case. Refusals change nothing.
/// </summary>
public sealed class ExceptionDesk(DurableStore store, FloorJournal journal, AuditLog audit, TimeProvider time, IOptions<ExceptionOptions> options)
{
    public const int MaxLimit = 500;

    public IReadOnlyList<string> ResolutionCodes => options.Value.ResolutionCodes;

    public ExceptionCase? Get(long id) => store.Read(db => ExceptionBook.Cases(db).FindById(id));

    /// <summary>
    /// Cases in <paramref name="status"/> (default: open and acknowledged), owned by or queued to
    /// <paramref name="team"/> when given; active ones most urgent first, resolved ones newest first.
    /// </summary>
    public IReadOnlyList<ExceptionCase> List(string? team, ExceptionStatus? status, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        bool InTeam(ExceptionCase c) => team is null || c.Team == team || c.Queue == team;
        return store.Read(db =>
        {
            var cases = ExceptionBook.Cases(db);
            if (status == ExceptionStatus.Resolved)
            {
                return cases.Find(LiteDB.Query.All(nameof(ExceptionCase.ResolvedAt), LiteDB.Query.Descending))
                    .TakeWhile(c => c.ResolvedAt is not null).Where(InTeam).Take(limit).ToList();
            }

            ExceptionStatus[] wanted = status is { } s ? [s] : [ExceptionStatus.Open, ExceptionStatus.Acknowledged];
            return wanted.SelectMany(w => cases.Find(c => c.Status == w).Where(InTeam).Take(limit).ToList())
                .OrderBy(c => c.Status).ThenByDescending(c => c.Severity).ThenBy(c => c.DueAt ?? DateTime.MaxValue).Take(limit).ToList();
        });
    }

    public Task<DeskResult> AcknowledgeAsync(long id, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return store.WriteAsync(db =>
        {
            var c = ExceptionBook.Cases(db).FindById(id);
            var refused = Refusal(c);
            if (refused is not null || c!.Status == ExceptionStatus.Acknowledged)
            {
                return refused ?? new DeskResult(DeskOutcome.AlreadyAcknowledged, c);
            }

            ExceptionBook.Acknowledge(new FloorCollections(db, journal), c, actor, now);
            Audit(db, "exception.acknowledge", "acknowledged", c, actor, note: null);
            return new DeskResult(DeskOutcome.Done, c);
        }, ct);
    }

    /// <summary>Resolves with <paramref name="code"/>, which the caller has checked against <see cref="ResolutionCodes"/>.</summary>
    public Task<DeskResult> ResolveAsync(long id, string code, string? note, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return store.WriteAsync(db =>
        {
            var c = ExceptionBook.Cases(db).FindById(id);
            if (Refusal(c) is { } refused)
            {
                return refused;
            }

            ExceptionBook.Resolve(new FloorCollections(db, journal), c!, code, note, actor, now);
            Audit(db, "exception.resolve", "resolved", c!, actor, note);
            return new DeskResult(DeskOutcome.Done, c);
        }, ct);
    }

    /// <summary>A supervisor sends the case one step up its type's escalation chain now, without waiting for the SLA.</summary>
    public Task<DeskResult> EscalateAsync(long id, string? note, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return store.WriteAsync(db =>
        {
            var c = ExceptionBook.Cases(db).FindById(id);
            if (Refusal(c) is { } refused)
            {
                return refused;
            }

            var chain = options.Value.Types.TryGetValue(c!.Type, out var row) ? row.EscalationChain : [];
            if (c.Level >= chain.Length)
            {
                return new DeskResult(DeskOutcome.NoFurtherEscalation, c);
            }

            var level = c.Level + 1;
            var record = audit.Append(db, new AuditEntry
            {
                Kind = AuditKind.HumanAction,
                ActionType = ActionTypes.ExceptionEscalate,
                Trigger = $"exception {c.Id} {c.Type} {c.Subject}",
                Actor = actor,
                Verdict = "escalated by hand",
                Outcome = JsonSerializer.Serialize(new { caseId = c.Id, level, to = chain[level - 1] }, JsonSerializerOptions.Web),
                Reason = note,
            });
            ExceptionEscalation.Apply(new FloorCollections(db, journal), c, level, chain[level - 1], level < chain.Length ? row!.Sla : null, now, record.Seq);
            return new DeskResult(DeskOutcome.Done, c);
        }, ct);
    }

    private void Audit(LiteDB.LiteDatabase db, string action, string verdict, ExceptionCase c, string actor, string? note) =>
        audit.Append(db, new AuditEntry
        {
            Kind = AuditKind.HumanAction,
            ActionType = action,
            Trigger = $"exception {c.Id} {c.Type} {c.Subject}",
            Actor = actor,
            Verdict = verdict,
            Outcome = JsonSerializer.Serialize(new { c.Id, c.Type, c.Team, c.Level, c.Status, c.ResolutionCode }, JsonSerializerOptions.Web),
            Reason = note,
        });

    private static DeskResult? Refusal(ExceptionCase? c) => c switch
    {
        null => new DeskResult(DeskOutcome.NotFound, null),
        { Status: ExceptionStatus.Resolved } => new DeskResult(DeskOutcome.AlreadyResolved, c),
        _ => null,
    };
}
