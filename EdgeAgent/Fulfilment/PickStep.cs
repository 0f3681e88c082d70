namespace EdgeAgent.Fulfilment;

/// <summary>Where a picker is within the current task.</summary>
public enum PickStep
{
    GoToLocation = 0,
    ScanItem = 1,
    EnterQuantity = 2,
}
