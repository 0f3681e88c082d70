namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// What a connected client may publish. Today: only under <c>dc/</c> and within the payload limit.
/// Per-device ACLs (a device publishes only under its own id) are to be added here.
/// </summary>
internal static class BrokerPublishPolicy
{
    public const string Namespace = "dc/";

    public static BrokerRefusalReason? Check(string? topic, long payloadBytes, int maxPayloadBytes)
    {
        if (string.IsNullOrEmpty(topic) || !topic.StartsWith(Namespace, StringComparison.Ordinal))
        {
            return BrokerRefusalReason.OutsideNamespace;
        }

        return payloadBytes > maxPayloadBytes ? BrokerRefusalReason.PayloadTooLarge : null;
    }
}
