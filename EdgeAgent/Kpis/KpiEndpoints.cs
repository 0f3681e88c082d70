using EdgeAgent.Storage;

namespace EdgeAgent.Kpis;

/// <summary>The KPIs as JSON for the page and for scripts.</summary>
public static class KpiEndpoints
{
    /// <summary><c>GET /api/kpis</c>: the KPIs for the supervisor page.</summary>
    public static WebApplication MapKpiEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/kpis", (DurableStore store) => Results.Ok(KpiReport.From(store.Read(KpiObserver.Load)))).RequireAuthorization(Governance.GovernancePolicies.Viewer);
        return app;
    }
}
