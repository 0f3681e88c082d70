using System.Text.Json;
using EdgeAgent.Storage;

namespace EdgeAgent.Conveyor;

/// <summary>Releasing shipments' carton labels, so a scanned carton gets its label.</summary>
public static class CartonEndpoints
{
    /// <summary><c>POST /api/cartons</c>: the labels of released cartons, by SSCC.</summary>
    public static WebApplication MapCartonEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/cartons", async (HttpRequest request, DurableStore store, CancellationToken ct) =>
        {
            List<NewCartonLabel?>? cartons;
            try
            {
                cartons = await JsonSerializer.DeserializeAsync<List<NewCartonLabel?>>(request.Body, JsonSerializerOptions.Web, ct);
            }
            catch (JsonException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON array of carton labels", detail: ex.Message);
            }

            var problems = CartonBook.Validate(cartons);
            if (problems.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cartons"] = [.. problems] }, title: "The release has invalid cartons; none were stored");
            }

            var stored = await store.WriteAsync(db => CartonBook.Put(db, cartons!.Select(c => c!)), ct);
            return Results.Json(new { stored }, statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization(Governance.GovernancePolicies.Release);
        return app;
    }
}
