namespace EdgeAgent.Drivers.Sensors;

/// <summary>An IO-Link master's number on one message it published: one counter per master, over all its ports.</summary>
public readonly record struct IoLinkMessageNumber(string MasterId, long Seq)
{
    /// <summary>The broker delivered the message again (MQTT's DUP flag): a number at or below the master's last stored one is a redelivery.</summary>
    public bool Redelivered { get; init; }
}
