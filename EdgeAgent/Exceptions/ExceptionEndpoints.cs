using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using EdgeAgent.Governance;
using EdgeAgent.Web;

namespace EdgeAgent.Exceptions;

/// <summary>
/// The exception queues over HTTP. Reading them is open like the floor page; acting on a case takes a
/// supervisor's token (<c>Authorization: Bearer</c>), whose name goes on the case and in the audit chain.
/// </summary>
public static class ExceptionEndpoints
{
    private const int MaxNote = 1000;

    public static RouteGroupBuilder MapExceptionEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/exceptions").RequireAuthorization(GovernancePolicies.Viewer);
        group.MapGet("/", (ExceptionDesk desk, string? team, string? status, int? limit) =>
        {
            ExceptionStatus? parsed = null;
            if (status is not null)
            {
                if (!Enum.TryParse<ExceptionStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"must be one of {string.Join(", ", Enum.GetNames<ExceptionStatus>()).ToLowerInvariant()}"] });
                }

                parsed = s;
            }

            return Results.Ok(desk.List(team, parsed, limit ?? 100));
        });
        group.MapGet("/{id:long}", (long id, ExceptionDesk desk) =>
            desk.Get(id) is { } c ? Results.Ok(c) : NotFound(id));
        group.MapPost("/{id:long}/acknowledge", async (long id, HttpRequest request, ClaimsPrincipal user, ExceptionDesk desk, CancellationToken ct) =>
        {
            var (_, problem) = await ReadAsync(request, ct);
            return problem ?? Answer(id, await desk.AcknowledgeAsync(id, GovernanceHttp.Actor(user), ct));
        }).RequireAuthorization(GovernancePolicies.Supervisor);
        group.MapPost("/{id:long}/resolve", async (long id, HttpRequest request, ClaimsPrincipal user, ExceptionDesk desk, CancellationToken ct) =>
        {
            var (action, problem) = await ReadAsync(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            if (action!.Code is not { } code || !desk.ResolutionCodes.Contains(code, StringComparer.Ordinal))
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["code"] = [$"'{action.Code}' is not a resolution code; use one of: {string.Join(", ", desk.ResolutionCodes)}"] },
                    title: "Unknown resolution code; nothing was changed");
            }

            return Answer(id, await desk.ResolveAsync(id, code, action.Note, GovernanceHttp.Actor(user), ct));
        }).RequireAuthorization(GovernancePolicies.Supervisor);
        group.MapPost("/{id:long}/escalate", async (long id, HttpRequest request, ClaimsPrincipal user, ExceptionDesk desk, CancellationToken ct) =>
        {
            var (action, problem) = await ReadAsync(request, ct);
            return problem ?? Answer(id, await desk.EscalateAsync(id, action!.Note, GovernanceHttp.Actor(user), ct));
        }).RequireAuthorization(GovernancePolicies.Supervisor);
        return group;
    }

    /// <summary>Reads the optional body; an acknowledgement needs none, a resolution needs its code.</summary>
    private static async Task<(ExceptionAction? Action, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0 or null && request.Headers.TransferEncoding.Count == 0)
        {
            return (new ExceptionAction(), null);
        }

        ExceptionAction? action;
        try
        {
            action = await JsonSerializer.DeserializeAsync<ExceptionAction>(request.Body, JsonSerializerOptions.Web, ct) ?? new ExceptionAction();
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON object with code and note", detail: ex.Message));
        }

        var errors = new Dictionary<string, string[]>();
        if (action.Note is { Length: > MaxNote })
        {
            errors["note"] = [$"at most {MaxNote} characters"];
        }

        return errors.Count > 0 ? (null, Results.ValidationProblem(errors, title: "Invalid request; nothing was changed")) : (action, null);
    }

    private static IResult Answer(long id, DeskResult result) => result.Outcome switch
    {
        DeskOutcome.Done => Results.Ok(result.Case),
        DeskOutcome.NotFound => NotFound(id),
        DeskOutcome.NoFurtherEscalation => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"Exception {id} cannot be escalated further",
            detail: $"it is at level {result.Case!.Level}, the end of the escalation chain of {result.Case.Type} (Exceptions:Types:{result.Case.Type}:EscalateTo)"),
        DeskOutcome.AlreadyResolved => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"Exception {id} is already resolved",
            detail: $"resolved by {result.Case!.ResolvedBy ?? "the system"} at {Utc(result.Case.ResolvedAt)} with code {result.Case.ResolutionCode}"),
        _ => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"Exception {id} is already acknowledged",
            detail: $"acknowledged by {result.Case!.AcknowledgedBy} at {Utc(result.Case.AcknowledgedAt)}"),
    };

    private static IResult NotFound(long id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No exception {id}");

    private static string Utc(DateTime? at) => at?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "?";
}
