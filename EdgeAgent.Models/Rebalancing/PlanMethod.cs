namespace EdgeAgent.Models.Rebalancing;

/// <summary>Whether the models planned or the rule did.</summary>
public enum PlanMethod
{
    Model,
    RuleFallback,
}
