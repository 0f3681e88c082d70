using EdgeAgent.Broker;
using EdgeAgent.Handhelds;
using EdgeAgent.Storage;

namespace EdgeAgent.Web;

/// <summary>What /readyz checks: the broker is up, the agent is connected to it, the store is open.</summary>
public sealed class Readiness(AgentBroker broker, HandheldLoop handhelds, DurableStore store)
{
    public bool BrokerReady => broker.IsRunning && handhelds.IsConnected;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!broker.IsRunning)
        {
            problems.Add("embedded MQTT broker is not running");
        }

        if (!handhelds.IsConnected)
        {
            problems.Add("not connected to the MQTT broker");
        }

        if (!store.IsOpen)
        {
            problems.Add("store is not open");
        }
        else if (store.Faulted is { } fault)
        {
            problems.Add($"store accepts no writes until the agent restarts: {fault.Reason}");
        }

        return problems;
    }
}
