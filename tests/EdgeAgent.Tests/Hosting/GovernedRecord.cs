using System.Text.Json;
using EdgeAgent.Audit;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>What a running agent recorded of a governed action: its audit records, and its KPI row as <c>/api/kpis</c> shows it.</summary>
internal static class GovernedRecord
{
    public static List<AuditRecord> Audit(RunningAgent agent, string actionType) =>
        agent.Services.GetRequiredService<DurableStore>().Read(db => new AuditCollections(db).Page(0, 1000).Where(r => r.ActionType == actionType).ToList());

    /// <summary>The action's row of <c>decisionsByAction</c> in <c>GET /api/kpis</c>.</summary>
    public static async Task<JsonElement> KpisAsync(RunningAgent agent, string actionType)
    {
        using var kpis = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/kpis"));
        return kpis.RootElement.GetProperty("decisionsByAction").GetProperty(actionType).Clone();
    }

    public static long Count(this JsonElement row, string outcome) => row.GetProperty(outcome).GetInt64();

    public static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(20, ct);
        }
    }
}
