namespace EdgeAgent.Drivers.Mqtt;

/// <summary>Why the embedded broker refused a client's connect, publish or subscribe.</summary>
public enum BrokerRefusalReason
{
    OutsideNamespace,
    PayloadTooLarge,
    NotAuthenticated,
    ForbiddenTopic,
    ForbiddenSubscription,
}
