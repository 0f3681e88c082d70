using CloudBridge.Uplink;

namespace EdgeAgent.Bridge;

/// <summary>The bridge of an agent that runs standalone: never connected, nothing waiting.</summary>
public sealed class BridgeOff : IBridgeStatus
{
    public static BridgeOff Instance { get; } = new();

    public bool Configured => false;

    public BridgeStatus Snapshot() => new() { Connected = false, CircuitOpen = false, QuotaAlarm = false, Lanes = [], EventsAcked = 0, AckedPerSecond = 0, Sessions = 0 };
}
