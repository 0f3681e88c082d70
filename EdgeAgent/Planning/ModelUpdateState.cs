namespace EdgeAgent.Planning;

/// <summary>Where a model update is: its chunks arriving, waiting for verification, in shadow, or decided.</summary>
public enum ModelUpdateState
{
    Receiving,
    Received,
    Refused,
    Shadow,
    Promoted,
    Kept,
}
