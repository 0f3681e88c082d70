using EdgeAgent.Broker;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

public sealed class BrokerDropMetricsTests
{
    [Fact]
    public async Task Metrics_ReportBrokerDrops_ForTheAgentsOwnSessions_FromTheStart()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        var clientId = agent.Services.GetRequiredService<AgentBroker>().AgentClientId;

        var metrics = await agent.Http.GetStringAsync("/metrics");

        Assert.Contains("# TYPE edgeagent_broker_dropped_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains($"client=\"{clientId}\"}} 0", metrics, StringComparison.Ordinal);
        Assert.Contains($"client=\"{clientId}-scanners\"}} 0", metrics, StringComparison.Ordinal);
    }
}
