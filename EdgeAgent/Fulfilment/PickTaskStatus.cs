namespace EdgeAgent.Fulfilment;

public enum PickTaskStatus
{
    Open = 0,
    Assigned = 1,
    Picked = 2,
    ShortPicked = 3,
}
