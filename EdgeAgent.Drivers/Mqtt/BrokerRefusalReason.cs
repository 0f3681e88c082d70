namespace EdgeAgent.Drivers.Mqtt;

/// <summary>Why the embedded broker refused a client's publish.</summary>
public enum BrokerRefusalReason
{
    OutsideNamespace,
    PayloadTooLarge,
}
