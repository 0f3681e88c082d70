using CloudBridge.Uplink;

namespace EdgeAgent.Bridge;

/// <summary>The bridge to central as the page, the metrics and the exception watcher see it; the agent may run without one.</summary>
public interface IBridgeStatus
{
    /// <summary>False when <c>CloudBridge:Uplink:Address</c> is not set: events stay on the gateway.</summary>
    bool Configured { get; }

    /// <summary>The uplink's state now; an empty status when the bridge is not configured.</summary>
    BridgeStatus Snapshot();
}
