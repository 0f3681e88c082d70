using System.Security.Claims;
using EdgeAgent.Governance;
using EdgeAgent.Storage;

namespace EdgeAgent.Fulfilment;

/// <summary>Order holds for supervisors: a held order's open tasks go to no picker until it is released.</summary>
public static class OrderHoldEndpoints
{
    public static WebApplication MapOrderHoldEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/governance/holds", (DurableStore store) =>
            Results.Json(store.Read(db => new FloorCollections(db).Holds.Query().OrderBy(h => h.HeldAt).Limit(500).ToList()), GovernanceHttp.GovernanceJsonOptions))
            .RequireAuthorization(GovernancePolicies.Viewer);
        app.MapPost("/api/governance/holds/{orderId}", async (string orderId, HttpRequest request, ClaimsPrincipal user, DurableStore store, OrderHolds holds, GovernanceMetrics metrics, TimeProvider time, CancellationToken ct) =>
        {
            var (body, error) = await GovernanceHttp.ReadAsync<GovernanceEndpoints.ReasonBody>(request, optional: true, ct);
            if (error is not null)
            {
                return error;
            }

            var result = await store.WriteAsync(db => holds.Hold(db, orderId, GovernanceHttp.Actor(user), body?.Reason, time.GetUtcNow().UtcDateTime), ct);
            if (result.Status == GovernanceStatus.Ok)
            {
                metrics.HumanAction("hold");
            }

            return GovernanceHttp.ToHttp(result);
        }).RequireAuthorization(GovernancePolicies.Supervisor);
        app.MapPost("/api/governance/holds/{orderId}/release", async (string orderId, HttpRequest request, ClaimsPrincipal user, DurableStore store, OrderHolds holds, GovernanceMetrics metrics, CancellationToken ct) =>
        {
            var (body, error) = await GovernanceHttp.ReadAsync<GovernanceEndpoints.ReasonBody>(request, optional: true, ct);
            if (error is not null)
            {
                return error;
            }

            var result = await store.WriteAsync(db => holds.Release(db, orderId, GovernanceHttp.Actor(user), body?.Reason), ct);
            if (result.Status == GovernanceStatus.Ok)
            {
                metrics.HumanAction("release-hold");
            }

            return GovernanceHttp.ToHttp(result);
        }).RequireAuthorization(GovernancePolicies.Supervisor);
        return app;
    }
}
