using System.Text.Json;
using CloudBridge.Uplink;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Web;

/// <summary>The supervisor page, its state feed, the task release endpoint and the health probes.</summary>
public static class FloorEndpoints
{
    public static WebApplication MapFloorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var page = LoadPage();
        app.MapGet("/", () => Results.Bytes(page, "text/html; charset=utf-8"));
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", (Readiness readiness) =>
        {
            var problems = readiness.Problems();
            return problems.Count == 0
                ? Results.Text("ready")
                : Results.Text("not ready: " + string.Join("; ", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/api/state", (DurableStore store, Readiness readiness, HandheldLoop handhelds, BrokerHost broker, IOptions<AgentOptions> agent, IConveyorStatus conveyor, IServiceProvider services) => Results.Ok(new
        {
            agent.Value.Site,
            agent.Value.GatewayId,
            BrokerReady = readiness.BrokerReady,
            StoreReady = store.IsOpen,
            Floor = store.Read(FloorSnapshot.Read),
            Store = store.Stats,
            Handhelds = handhelds.Counters,
            Broker = broker.Embedded?.Counters,
            Bridge = services.GetService<UplinkSender>()?.GetStatus(),
            Devices = services.GetRequiredService<PresenceTracker>().Snapshot(),
            Conveyor = conveyor.Snapshot(),
        }));
        app.MapPost("/api/tasks", ReleaseTasksAsync);
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

    private static byte[] LoadPage()
    {
        using var stream = typeof(FloorEndpoints).Assembly.GetManifestResourceStream("EdgeAgent.Web.index.html")
            ?? throw new InvalidOperationException("The supervisor page is missing from the assembly's resources");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
