namespace EdgeAgent.Configuration;

/// <summary>The agent's own meter on <c>/metrics</c>, shared by the parts that count on it.</summary>
public static class AgentMeter
{
    public const string Name = "EdgeAgent";
}
