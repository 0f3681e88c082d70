namespace EdgeAgent.Governance;

/// <summary>What a pause stops: every automated action in a zone, or one action type everywhere.</summary>
public enum PauseTarget
{
    Zone = 0,
    Action = 1,
}
