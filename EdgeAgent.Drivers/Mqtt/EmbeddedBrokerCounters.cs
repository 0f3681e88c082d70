namespace EdgeAgent.Drivers.Mqtt;

/// <summary>A snapshot of what the embedded broker refused since it was created.</summary>
public sealed record EmbeddedBrokerCounters(long RefusedOutsideNamespace, long RefusedPayloadTooLarge)
{
    public long RefusedTotal => RefusedOutsideNamespace + RefusedPayloadTooLarge;
}
