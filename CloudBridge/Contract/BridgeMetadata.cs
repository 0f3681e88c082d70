namespace CloudBridge.Contract.V1;

/// <summary>Call metadata both sides of the bridge agree on; proto3 cannot declare header names.</summary>
public static class BridgeMetadata
{
    /// <summary>The calling gateway's id on every uplink and downlink call (with a bearer token or a client certificate).</summary>
    public const string GatewayHeader = "x-gateway-id";
}
