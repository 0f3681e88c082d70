namespace EdgeAgent.Governance;

/// <summary>Who decides an action: the agent alone, the agent with a supervisor's approval, or a person.</summary>
public enum DecisionMode
{
    Automated = 0,
    Assisted = 1,
    HumanOnly = 2,
}
