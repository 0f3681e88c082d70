using System.Security.Claims;
using System.Text.Json;
using EdgeAgent.Governance;
using EdgeAgent.Storage;

namespace EdgeAgent.Governance;

/// <summary>The approval queue for supervisors: list, read, approve, reject, edit.</summary>
public static class ApprovalEndpoints
{
    /// <summary>The body of approve (optional), reject (reason required) and edit (outcome required).</summary>
    public sealed record ApprovalDecisionBody(string? Reason, JsonElement? Outcome);

    public static WebApplication MapApprovalEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/approvals").RequireAuthorization(GovernancePolicies.Viewer);
        group.MapGet("/", (DurableStore store, string? status) =>
        {
            var wanted = Enum.TryParse<ApprovalStatus>(status, ignoreCase: true, out var s) ? s : ApprovalStatus.Pending;
            var list = store.Read(db => new GovernanceCollections(db).Approvals.Query().Where(a => a.Status == wanted).OrderBy(a => a.Id).Limit(500).ToList());
            return Results.Json(list.Select(View), GovernanceHttp.GovernanceJsonOptions);
        });
        group.MapGet("/{id:long}", (long id, DurableStore store) =>
            store.Read(db => new GovernanceCollections(db).Approvals.FindById(id)) is { } approval
                ? Results.Json(View(approval), GovernanceHttp.GovernanceJsonOptions)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no approval {id}"));
        group.MapPost("/{id:long}/approve", (long id, HttpRequest request, ClaimsPrincipal user, DurableStore store, ApprovalDesk desk, GovernanceMetrics metrics, CancellationToken ct) =>
            DecideAsync(request, optional: true, body => body?.Outcome is null ? null : "approve takes no outcome; use /edit to change it", body => store.WriteAsync(db => desk.Approve(db, id, GovernanceHttp.Actor(user), body?.Reason), ct), metrics, "approve", ct)).RequireAuthorization(GovernancePolicies.Supervisor);
        group.MapPost("/{id:long}/reject", (long id, HttpRequest request, ClaimsPrincipal user, DurableStore store, ApprovalDesk desk, GovernanceMetrics metrics, CancellationToken ct) =>
            DecideAsync(request, optional: false, body => string.IsNullOrWhiteSpace(body?.Reason) ? "a rejection needs a reason: {\"reason\": \"...\"}" : null, body => store.WriteAsync(db => desk.Reject(db, id, GovernanceHttp.Actor(user), body!.Reason!), ct), metrics, "reject", ct)).RequireAuthorization(GovernancePolicies.Supervisor);
        group.MapPost("/{id:long}/edit", (long id, HttpRequest request, ClaimsPrincipal user, DurableStore store, ApprovalDesk desk, GovernanceMetrics metrics, CancellationToken ct) =>
            DecideAsync(request, optional: false, body => body?.Outcome is not { ValueKind: JsonValueKind.Object } ? "an edit needs the changed outcome as a JSON object: {\"outcome\": {...}, \"reason\": \"...\"}" : null, body => store.WriteAsync(db => desk.Edit(db, id, GovernanceHttp.Actor(user), body!.Outcome!.Value.GetRawText(), body.Reason), ct), metrics, "edit", ct)).RequireAuthorization(GovernancePolicies.Supervisor);
        return app;
    }

    private static async Task<IResult> DecideAsync(
        HttpRequest request, bool optional, Func<ApprovalDecisionBody?, string?> problem, Func<ApprovalDecisionBody?, Task<GovernanceResult>> decide, GovernanceMetrics metrics, string kind, CancellationToken ct)
    {
        var (body, error) = await GovernanceHttp.ReadAsync<ApprovalDecisionBody>(request, optional, ct);
        if (error is not null)
        {
            return error;
        }

        if (problem(body) is { } reason)
        {
            return GovernanceHttp.BadRequest(reason);
        }

        var result = await decide(body);
        if (result.Status == GovernanceStatus.Ok)
        {
            metrics.HumanAction(kind);
        }

        return GovernanceHttp.ToHttp(result with { Value = result.Value is Approval a ? View(a) : result.Value });
    }

    private static object View(Approval a) => new
    {
        a.Id,
        a.ActionType,
        a.Zone,
        a.Status,
        CreatedAt = a.CreatedAt.ToUniversalTime(),
        Deadline = a.Deadline.ToUniversalTime(),
        a.OnTimeout,
        a.Summary,
        a.Right,
        a.Scope,
        a.Threshold,
        a.LowConfidence,
        Outcome = Json(a.Outcome),
        Context = Json(a.Context),
        a.DecidedBy,
        DecidedAt = a.DecidedAt?.ToUniversalTime(),
        a.Reason,
        FinalOutcome = a.FinalOutcome is null ? (JsonElement?)null : Json(a.FinalOutcome),
        a.ResolutionSeq,
    };

    private static JsonElement Json(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}
