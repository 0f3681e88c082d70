using System.Security.Claims;
using System.Text.Json;
using EdgeAgent.Governance;
using EdgeAgent.Storage;

namespace EdgeAgent.Governance;

/// <summary>Decision rights (admin to change), overrides and pauses (supervisor); order holds are released through the fulfilment part.</summary>
public static class GovernanceEndpoints
{
    /// <summary>The body of an override.</summary>
    public sealed record OverrideBody(JsonElement? Outcome, string? Reason);

    /// <summary>The optional body of a pause, resume or hold release.</summary>
    public sealed record ReasonBody(string? Reason);

    /// <summary>The body of a matrix change: rows by action type (rows not named keep their defaults).</summary>
    public sealed record RightsBody(Dictionary<string, DecisionRightOptions?>? Rights, string? Reason);

    public static WebApplication MapGovernanceEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var viewer = app.MapGroup("/api/governance").RequireAuthorization(GovernancePolicies.Viewer);
        var supervisor = app.MapGroup("/api/governance").RequireAuthorization(GovernancePolicies.Supervisor);
        viewer.MapGet("/rights", (DurableStore store, RightsBook rights) =>
            Results.Json(store.Read(db => rights.Current(db)).ToOptions(), GovernanceHttp.GovernanceJsonOptions));
        app.MapPut("/api/governance/rights", ChangeRightsAsync).RequireAuthorization(GovernancePolicies.Admin);
        viewer.MapGet("/pauses", (DurableStore store) =>
            Results.Json(store.Read(db => new GovernanceCollections(db).Pauses.FindAll().ToList()), GovernanceHttp.GovernanceJsonOptions));
        supervisor.MapPut("/pauses/{target}/{name}", (string target, string name, HttpRequest request, ClaimsPrincipal user, DurableStore store, Supervision supervision, GovernanceMetrics metrics, CancellationToken ct) =>
            PauseAsync(target, name, request, user, store, supervision, metrics, pause: true, ct));
        supervisor.MapDelete("/pauses/{target}/{name}", (string target, string name, HttpRequest request, ClaimsPrincipal user, DurableStore store, Supervision supervision, GovernanceMetrics metrics, CancellationToken ct) =>
            PauseAsync(target, name, request, user, store, supervision, metrics, pause: false, ct));
        supervisor.MapPost("/decisions/{seq:long}/override", OverrideAsync);
        return app;
    }

    private static async Task<IResult> ChangeRightsAsync(HttpRequest request, ClaimsPrincipal user, DurableStore store, RightsBook rights, GovernanceMetrics metrics, CancellationToken ct)
    {
        var (body, error) = await GovernanceHttp.ReadAsync<RightsBody>(request, optional: false, ct);
        if (error is not null)
        {
            return error;
        }

        if (body?.Rights is null)
        {
            return GovernanceHttp.BadRequest("The body needs the matrix: {\"rights\": {\"task.reassign\": {\"mode\": \"Assisted\", ...}}, \"reason\": \"...\"}");
        }

        return Counted(await store.WriteAsync(db => rights.Replace(db, body.Rights, GovernanceHttp.Actor(user), body.Reason), ct), metrics, "rights-change");
    }

    private static async Task<IResult> OverrideAsync(long seq, HttpRequest request, ClaimsPrincipal user, DurableStore store, Supervision supervision, GovernanceMetrics metrics, CancellationToken ct)
    {
        var (body, error) = await GovernanceHttp.ReadAsync<OverrideBody>(request, optional: false, ct);
        if (error is not null)
        {
            return error;
        }

        if (body?.Outcome is not { ValueKind: JsonValueKind.Object } outcome)
        {
            return GovernanceHttp.BadRequest("An override needs the outcome to apply instead, as a JSON object: {\"outcome\": {...}, \"reason\": \"...\"}");
        }

        var result = await store.WriteAsync(db => supervision.Override(db, seq, GovernanceHttp.Actor(user), outcome.GetRawText(), body.Reason), ct);
        if (result.Status == GovernanceStatus.Ok)
        {
            metrics.Overridden();
        }

        return Counted(result, metrics, "override");
    }

    private static async Task<IResult> PauseAsync(
        string target, string name, HttpRequest request, ClaimsPrincipal user, DurableStore store, Supervision supervision, GovernanceMetrics metrics, bool pause, CancellationToken ct)
    {
        if (!Enum.TryParse<PauseTarget>(target, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || char.IsDigit(target[0]))
        {
            return GovernanceHttp.BadRequest($"'{target}' is not a pause target; use /pauses/zone/<zone> or /pauses/action/<action type>");
        }

        var (body, error) = await GovernanceHttp.ReadAsync<ReasonBody>(request, optional: true, ct);
        if (error is not null)
        {
            return error;
        }

        var actor = GovernanceHttp.Actor(user);
        var result = await store.WriteAsync(db => pause
            ? supervision.Pause(db, kind, name, actor, body?.Reason)
            : supervision.Resume(db, kind, name, actor, body?.Reason), ct);
        return Counted(result, metrics, pause ? "pause" : "resume");
    }

    private static IResult Counted(GovernanceResult result, GovernanceMetrics metrics, string kind)
    {
        if (result.Status == GovernanceStatus.Ok)
        {
            metrics.HumanAction(kind);
        }

        return GovernanceHttp.ToHttp(result);
    }
}
