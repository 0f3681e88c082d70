using EdgeAgent.Audit;
using EdgeAgent.Governance;
using EdgeAgent.Storage;

namespace EdgeAgent.Governance;

/// <summary>The audit chain for supervisors: paging and verification by the running agent (the CLI cannot open a store in use).</summary>
public static class AuditEndpoints
{
    private const int MaxPage = 1000;

    public static WebApplication MapAuditEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/audit").RequireAuthorization(GovernancePolicies.Viewer);
        group.MapGet("/", (DurableStore store, long? after, int? limit) =>
        {
            if (after < 0 || limit is < 1 or > MaxPage)
            {
                return GovernanceHttp.BadRequest($"after must be 0 or more and limit 1-{MaxPage}");
            }

            var page = store.Read(db => new AuditCollections(db).Page(after ?? 0, limit ?? 100));
            return Results.Json(new { records = page, next = page.Count == 0 ? (long?)null : page[^1].Seq }, GovernanceHttp.GovernanceJsonOptions);
        });

        // One short store read per page: the writer waits for a page, never for the whole walk.
        group.MapGet("/verify", (DurableStore store) =>
        {
            var head = store.Read(db => new AuditCollections(db).Head.FindById(AuditChainHead.SingletonId)) ?? new AuditChainHead();
            var result = AuditVerifier.Verify(head, after => store.Read(db => new AuditCollections(db).Page(after, AuditVerifier.PageSize)));
            return Results.Json(result, GovernanceHttp.GovernanceJsonOptions, statusCode: result.Intact ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        });
        group.MapGet("/search", Search);
        group.MapGet("/records/{seq:long}", (long seq, DurableStore store) =>
        {
            var (record, previous, next) = store.Read(db =>
            {
                var records = new AuditCollections(db).Records;
                return (records.FindById(seq), records.FindById(seq - 1), records.FindById(seq + 1));
            });
            if (record is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no audit record {seq}");
            }

            return Results.Json(
                new
                {
                    record = Full(record),
                    hashValid = string.Equals(AuditHash.Compute(record), record.Hash, StringComparison.Ordinal),
                    linkValid = string.Equals(record.PreviousHash, previous?.Hash ?? (seq == 1 ? AuditHash.Genesis : null), StringComparison.Ordinal),
                    previous = previous is null ? null : Row(previous),
                    next = next is null ? null : Row(next),
                },
                GovernanceHttp.GovernanceJsonOptions);
        });
        group.MapGet("/chain", async (AuditChainCheck check, CancellationToken ct) =>
        {
            var state = await check.CurrentAsync(ct);
            return Results.Json(
                new
                {
                    intact = state.Result.Intact,
                    verifiedUpTo = state.Result.Intact ? state.Result.Records : state.Result.BrokenAt - 1,
                    brokenAt = state.Result.BrokenAt,
                    problem = state.Result.Problem,
                    headSeq = state.HeadSeq,
                    checkedAt = state.CheckedAt.UtcDateTime,
                },
                GovernanceHttp.GovernanceJsonOptions);
        });
        return app;
    }

    private static IResult Search(DurableStore store, string? order, string? task, string? device, string? person, DateTime? from, DateTime? to, int? limit, long? before)
    {
        if (limit is < 1 or > MaxPage || before < 1 || (from is not null && to is not null && from > to))
        {
            return GovernanceHttp.BadRequest($"limit is 1-{MaxPage}, before a sequence number of 1 or more, from not after to (times as ISO 8601, e.g. 2026-03-10T14:00:00Z)");
        }

        var query = new AuditQuery
        {
            Order = order,
            Task = task,
            Device = device,
            Person = person,
            From = from?.ToUniversalTime(),
            To = to?.ToUniversalTime(),
            Limit = limit ?? 50,
            Before = before,
        };
        var (records, next) = store.Read(db => AuditSearch.Find(db, query));
        return Results.Json(new { records = records.Select(Row), next }, GovernanceHttp.GovernanceJsonOptions);
    }

    /// <summary>A record as a search lists it: who, what about, a one-line summary, and its place in the chain.</summary>
    private static object Row(AuditRecord r) => new
    {
        seq = r.Seq,
        at = r.At.ToUniversalTime(),
        kind = r.Kind,
        actionType = r.ActionType,
        actor = r.Actor,
        verdict = r.Verdict,
        subjects = AuditSubjects.Of(r.Actor, r.Inputs, r.Outcome),
        summary = string.IsNullOrEmpty(r.Reason) ? $"{r.ActionType}: {r.Verdict}" : $"{r.ActionType}: {r.Verdict} - {r.Reason}",
        hash = r.Hash,
        prevHash = r.PreviousHash,
    };

    private static object Full(AuditRecord r) => new
    {
        seq = r.Seq,
        at = r.At.ToUniversalTime(),
        kind = r.Kind,
        actionType = r.ActionType,
        actor = r.Actor,
        verdict = r.Verdict,
        decisionSeq = r.DecisionSeq,
        trigger = r.Trigger,
        inputs = r.Inputs,
        method = r.Method,
        methodVersion = r.MethodVersion,
        confidence = r.Confidence,
        fallback = r.Fallback,
        right = r.Right,
        scope = r.Scope,
        threshold = r.Threshold,
        outcome = r.Outcome,
        reason = r.Reason,
        subjects = AuditSubjects.Of(r.Actor, r.Inputs, r.Outcome),
        hash = r.Hash,
        prevHash = r.PreviousHash,
    };
}
