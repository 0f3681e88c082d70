namespace EdgeAgent.Events;

/// <summary>What a supervisor closes to pickers.</summary>
public enum BlockedArea
{
    Aisle,
    Zone,
}
