using System.Text.Json;

namespace EdgeAgent.Fulfilment;

/// <summary>Releasing pick tasks over HTTP: all of a release or none of it.</summary>
public static class TaskEndpoints
{
    public static WebApplication MapTaskEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/tasks", ReleaseTasksAsync).RequireAuthorization(Governance.GovernancePolicies.Release);
        return app;
    }

    private static async Task<IResult> ReleaseTasksAsync(HttpRequest request, TaskReleases releases, CancellationToken ct)
    {
        List<NewPickTask?>? tasks;
        try
        {
            tasks = await JsonSerializer.DeserializeAsync<List<NewPickTask?>>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON array of tasks", detail: ex.Message);
        }

        var problems = TaskIntake.Validate(tasks);
        if (problems.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["tasks"] = [.. problems] }, title: "The release has invalid tasks; none were added");
        }

        var release = tasks!.Select(t => t!).ToList();
        var result = await releases.AddAllAsync(release, ct);
        return result.Existing.Count > 0
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Some task ids already exist; none were added", detail: string.Join(", ", result.Existing))
            : Results.Json(new { added = result.Added }, statusCode: StatusCodes.Status201Created);
    }
}
