namespace EdgeAgent.Events;

/// <summary>The link to central is back and every event was acknowledged in time.</summary>
[FloorEventType("bridge.recovered")]
public sealed record BridgeRecovered : FloorEvent
{
    public override string Describe() => "bridge: connected, and every event acknowledged in time";
}
