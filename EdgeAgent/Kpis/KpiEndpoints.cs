using EdgeAgent.Governance;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Kpis;

/// <summary>The KPIs as JSON for the page and for scripts.</summary>
public static class KpiEndpoints
{
    /// <summary><c>GET /api/kpis</c>: the all-time KPIs; <c>GET /api/kpis/series?range=shift|today|7d</c>: a window's totals and series.</summary>
    public static WebApplication MapKpiEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/kpis", (DurableStore store) => Results.Ok(KpiReport.From(store.Read(KpiObserver.Load)))).RequireAuthorization(GovernancePolicies.Viewer);
        app.MapGet("/api/kpis/series", (string? range, DurableStore store, IOptions<KpiOptions> options, TimeProvider time) =>
        {
            range ??= "shift";
            if (KpiSeries.Window(range, options.Value, time) is not { } window)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown range", detail: $"range is one of {string.Join(", ", KpiSeries.Ranges)}, not '{range}'");
            }

            return Results.Json(store.Read(db => KpiSeries.Build(db, options.Value, range, window.From, window.To)));
        }).RequireAuthorization(GovernancePolicies.Viewer);
        return app;
    }
}
