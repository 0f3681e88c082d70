using System.Text.Json;
using EdgeAgent.Bridge;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Handhelds;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Web;

/// <summary>The supervisor page, its state feed and the health probes.</summary>
public static class FloorEndpoints
{
    public static WebApplication MapFloorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var page = LoadPage();
        // Without a session the page redirects to /signin; the probes stay open.
        app.MapGet("/", () => Results.Bytes(page, "text/html; charset=utf-8")).RequireAuthorization(GovernancePolicies.Viewer);
        // Alive unless the store stopped for good (a failed fsync, a damaged page, a dead writer): only a restart,
        // whose open checks the file, fixes that, so a supervisor probing /healthz must see it.
        app.MapGet("/healthz", (DurableStore store) => store.Faulted is { } fault
            ? Results.Text("store stopped: " + fault.Reason, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("alive")).AllowAnonymous();
        app.MapGet("/readyz", async (Readiness readiness, CancellationToken cancellationToken) =>
        {
            var problems = await readiness.ProblemsAsync(cancellationToken);
            return problems.Count == 0
                ? Results.Text("ready")
                : Results.Text("not ready: " + string.Join("; ", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        app.MapGet("/api/state", async (DurableStore store, Readiness readiness, HandheldLoop handhelds, AgentBroker broker, IOptions<AgentOptions> agent, IConveyorStatus conveyor, IBridgeStatus bridge, PresenceTracker presence, Liveness liveness, FreeSpaceWatch disk, CancellationToken cancellationToken) =>
        {
            var problems = await readiness.ProblemsAsync(cancellationToken);
            return Results.Ok(new
            {
                agent.Value.Site,
                agent.Value.GatewayId,
                Ready = problems.Count == 0,
                Problems = problems,
                BrokerReady = broker.IsRunning && handhelds.IsConnected,
                StoreReady = store.IsOpen && store.Faulted is null,
                // A read waits for the writer's turn: with the writer stuck, the page shows why, not nothing.
                Floor = liveness.WriterStalled ? null : store.Read(FloorSnapshot.Read),
                Store = store.Stats,
                Disk = disk.Status,
                Handhelds = handhelds.Counters,
                Broker = broker.Embedded?.Counters,
                Bridge = bridge.Configured ? bridge.Snapshot() : null,
                Devices = presence.Snapshot(),
                Conveyor = conveyor.Snapshot(),
            });
        }).RequireAuthorization(GovernancePolicies.Viewer);
        return app;
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
