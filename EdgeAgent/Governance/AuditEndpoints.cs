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
        return app;
    }
}
