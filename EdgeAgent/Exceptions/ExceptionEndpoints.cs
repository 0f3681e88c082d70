using System.Globalization;
using System.Text.Json;

namespace EdgeAgent.Exceptions;

/// <summary>
/// The exception queues over HTTP. Every endpoint and the acting operator's name are mapped here, in one
/// group, so access control can be put on the group in one place.
/// </summary>
public static class ExceptionEndpoints
{
    private const int MaxNote = 1000;
    private const int MaxActor = 64;

    public static RouteGroupBuilder MapExceptionEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/exceptions");
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
        group.MapPost("/{id:long}/acknowledge", async (long id, HttpRequest request, ExceptionDesk desk, CancellationToken ct) =>
        {
            var (action, problem) = await ReadAsync(request, ct);
            return problem ?? Answer(id, await desk.AcknowledgeAsync(id, action!.Actor!.Trim(), ct));
        });
        group.MapPost("/{id:long}/resolve", async (long id, HttpRequest request, ExceptionDesk desk, CancellationToken ct) =>
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

            return Answer(id, await desk.ResolveAsync(id, code, action.Note, action.Actor!.Trim(), ct));
        });
        return group;
    }

    private static async Task<(ExceptionAction? Action, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        ExceptionAction? action;
        try
        {
            action = await JsonSerializer.DeserializeAsync<ExceptionAction>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON object with actor, code and note", detail: ex.Message));
        }

        var errors = new Dictionary<string, string[]>();
        if (action is null || string.IsNullOrWhiteSpace(action.Actor) || action.Actor.Length > MaxActor)
        {
            errors["actor"] = [$"is required: the name of the person acting, 1-{MaxActor} characters"];
        }

        if (action?.Note is { Length: > MaxNote })
        {
            errors["note"] = [$"at most {MaxNote} characters"];
        }

        return errors.Count > 0 ? (null, Results.ValidationProblem(errors, title: "Invalid request; nothing was changed")) : (action, null);
    }

    private static IResult Answer(long id, DeskResult result) => result.Outcome switch
    {
        DeskOutcome.Done => Results.Ok(result.Case),
        DeskOutcome.NotFound => NotFound(id),
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
