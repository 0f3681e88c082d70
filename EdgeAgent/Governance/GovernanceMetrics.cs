using System.Diagnostics.Metrics;
using EdgeAgent.Hosting;

namespace EdgeAgent.Governance;

/// <summary>Counts operators' actions on the agent's meter, once each, after their write committed.</summary>
public sealed class GovernanceMetrics
{
    private readonly Counter<long> _overrides;
    private readonly Counter<long> _humanActions;

    public GovernanceMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Configuration.AgentMeter.Name);
        _overrides = meter.CreateCounter<long>("edgeagent.governance.overrides", description: "Automated decisions a supervisor overrode");
        _humanActions = meter.CreateCounter<long>("edgeagent.governance.human_actions", description: "Operators' governance actions, by kind");
    }

    public void Overridden() => _overrides.Add(1);

    public void HumanAction(string kind) => _humanActions.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
