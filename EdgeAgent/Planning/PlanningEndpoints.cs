using System.Security.Claims;
using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using EdgeAgent.Web;

namespace EdgeAgent.Planning;

/// <summary>
/// <c>GET /api/planning</c> (open, like the floor page): the plan and how it was made, the models, the drift.
/// Supervisors re-enable the models after a drift alarm and close or reopen aisles and zones.
/// </summary>
public static class PlanningEndpoints
{
    /// <summary>The optional body of a block, unblock or re-enable.</summary>
    public sealed record ReasonBody(string? Reason);

    public static WebApplication MapPlanningEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/planning", (PickPlanner planner, PlanBoard board, DurableStore store, ModelLibrary library) =>
            Results.Json(PlanningView.From(planner, board.Current, store.Read(db => new FloorCollections(db).Blocks.FindAll().ToList()), ModelUpdatesView.From(library, store)), GovernanceHttp.GovernanceJsonOptions))
            .RequireAuthorization(GovernancePolicies.Viewer);
        var supervisor = app.MapGroup("/api/planning").RequireAuthorization(GovernancePolicies.Supervisor);
        supervisor.MapPost("/reenable", ReenableAsync);
        supervisor.MapPost("/models/{kind}/rollback", RollbackAsync);
        supervisor.MapPut("/blocks/{kind}/{name}", (string kind, string name, HttpRequest request, ClaimsPrincipal user, DurableStore store, FloorBlocking blocking, CancellationToken ct) =>
            BlockAsync(kind, name, request, user, store, blocking, block: true, ct));
        supervisor.MapDelete("/blocks/{kind}/{name}", (string kind, string name, HttpRequest request, ClaimsPrincipal user, DurableStore store, FloorBlocking blocking, CancellationToken ct) =>
            BlockAsync(kind, name, request, user, store, blocking, block: false, ct));
        return app;
    }

    private static async Task<IResult> ReenableAsync(HttpRequest request, ClaimsPrincipal user, DurableStore store, PickPlanner planner, AuditLog audit, FloorJournal journal, CancellationToken ct)
    {
        var (body, error) = await GovernanceHttp.ReadAsync<ReasonBody>(request, optional: true, ct);
        if (error is not null)
        {
            return error;
        }

        if (!planner.ModelsSwitchedOff)
        {
            return GovernanceHttp.ToHttp(GovernanceResult.Conflict("The models are not switched off: no drift alarm is latched"));
        }

        var actor = GovernanceHttp.Actor(user);
        var seq = await store.WriteAsync(db =>
        {
            var record = audit.Append(db, new AuditEntry { Kind = AuditKind.HumanAction, ActionType = "planning.reenable", Actor = actor, Verdict = "reenabled", Reason = body?.Reason });
            planner.Reenable(db, actor, record.At);
            new FloorCollections(db, journal).Record(new PlanningReenabled { At = record.At, DeviceId = GovernanceEvents.DeviceId, Seq = record.Seq, Actor = actor, Reason = body?.Reason, AuditSeq = record.Seq });
            return record.Seq;
        }, ct);
        planner.Reenabled(actor);
        return GovernanceHttp.ToHttp(GovernanceResult.Ok(new { reenabled = true, auditSeq = seq }));
    }

    private static async Task<IResult> RollbackAsync(string kind, HttpRequest request, ClaimsPrincipal user, ModelLibrary library, CancellationToken ct)
    {
        if (kind is not (Models.Manifest.ModelNames.PickDuration or Models.Manifest.ModelNames.LateRisk))
        {
            return GovernanceHttp.BadRequest($"Roll back '{Models.Manifest.ModelNames.PickDuration}' or '{Models.Manifest.ModelNames.LateRisk}', not '{kind}'");
        }

        var (body, error) = await GovernanceHttp.ReadAsync<ReasonBody>(request, optional: true, ct);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var rolledBack = await library.RollbackAsync(kind, GovernanceHttp.Actor(user), body?.Reason, ct);
            return rolledBack is null
                ? GovernanceHttp.ToHttp(GovernanceResult.Conflict($"The {kind} model has no previous version to return to"))
                : GovernanceHttp.ToHttp(GovernanceResult.Ok(new { rolledBack.ModelName, rolledBack.FromVersion, rolledBack.ToVersion, rolledBack.AuditSeq }));
        }
        catch (Models.Onnx.ModelRejectedException ex)
        {
            return GovernanceHttp.ToHttp(GovernanceResult.Conflict($"The previous {kind} version no longer verifies ({ex.Reason}: {ex.Detail}); the current one stays"));
        }
    }

    private static async Task<IResult> BlockAsync(string kind, string name, HttpRequest request, ClaimsPrincipal user, DurableStore store, FloorBlocking blocking, bool block, CancellationToken ct)
    {
        if (kind is not ("aisle" or "zone"))
        {
            return GovernanceHttp.BadRequest($"Block an 'aisle' or a 'zone', not '{kind}'");
        }

        var (body, error) = await GovernanceHttp.ReadAsync<ReasonBody>(request, optional: true, ct);
        if (error is not null)
        {
            return error;
        }

        var actor = GovernanceHttp.Actor(user);
        var aisle = kind == "aisle";
        return GovernanceHttp.ToHttp(await store.WriteAsync(
            db => block ? blocking.Block(db, aisle, name, actor, body?.Reason) : blocking.Unblock(db, aisle, name, actor, body?.Reason), ct));
    }
}
