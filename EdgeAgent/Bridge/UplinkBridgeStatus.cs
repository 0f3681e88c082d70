using CloudBridge.Uplink;

namespace EdgeAgent.Bridge;

/// <summary>The configured bridge: the uplink sender's own status.</summary>
public sealed class UplinkBridgeStatus(UplinkSender sender) : IBridgeStatus
{
    public bool Configured => true;

    public BridgeStatus Snapshot() => sender.GetStatus();
}
