using EdgeAgent.Events;
using System.Text.Json;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Kpis;

/// <summary>The KPIs through the real agent: as JSON for the page and as instruments on /metrics.</summary>
public sealed class KpiEndpointTests
{
    [Fact]
    public async Task Kpis_AreServedAsJson_AndAsPrometheusMetrics()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        var journal = agent.Services.GetRequiredService<FloorJournal>();
        await agent.Services.GetRequiredService<DurableStore>().WriteAsync(db =>
        {
            var floor = new FloorCollections(db, journal);
            floor.Record(new DecisionRecorded { At = DateTime.UtcNow, DeviceId = "governance", Action = "task.assign", Verdict = DecisionVerdict.Executed, Fallback = true, AuditSeq = 1 });
            floor.Record(new DecisionOverridden { At = DateTime.UtcNow, DeviceId = "governance", Action = "task.assign", DecisionSeq = 1, Actor = "supervisor", AuditSeq = 2 });
            return 0;
        });

        using var kpis = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/kpis"));
        var metrics = await agent.Http.GetStringAsync("/metrics");
        var page = await agent.Http.GetStringAsync("/");

        Assert.Equal(1, kpis.RootElement.GetProperty("touchesAvoided").GetInt64());
        Assert.Equal(1.0, kpis.RootElement.GetProperty("fallbackRate").GetDouble());
        Assert.Equal(1.0, kpis.RootElement.GetProperty("overrideRate").GetDouble());
        Assert.Equal(1, kpis.RootElement.GetProperty("manualTouchesByKind").GetProperty("override").GetInt64());
        // The console's page loads its scripts, which read the KPIs, the planning state and the exceptions.
        Assert.Contains("/console/app.js", page, StringComparison.Ordinal);
        Assert.Contains("/api/kpis", await agent.Http.GetStringAsync("/console/kpis.js"), StringComparison.Ordinal);
        var queues = await agent.Http.GetStringAsync("/console/queues.js");
        Assert.Contains("/api/planning", queues, StringComparison.Ordinal);
        Assert.Contains("/api/exceptions", queues, StringComparison.Ordinal);
        foreach (var name in new[]
        {
            "edgeagent_kpi_touches_avoided_total", "edgeagent_kpi_manual_touches_total{", "kind=\"override\"", "edgeagent_kpi_override_rate",
            "edgeagent_kpi_fallback_rate", "edgeagent_kpi_automated_decisions_total", "edgeagent_kpi_orders_completed_total",
        })
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }
    }
}
