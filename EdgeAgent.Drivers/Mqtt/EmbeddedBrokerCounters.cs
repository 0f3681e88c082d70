namespace EdgeAgent.Drivers.Mqtt;

/// <summary>A snapshot of what the embedded broker refused since it was created.</summary>
public sealed record EmbeddedBrokerCounters(long RefusedOutsideNamespace, long RefusedPayloadTooLarge)
{
    /// <summary>Connections refused: unknown client, wrong password, or a user name that is not the client id.</summary>
    public long RefusedConnections { get; init; }

    /// <summary>Publishes refused by the ACL: a device writing outside its own topics.</summary>
    public long RefusedByAcl { get; init; }

    /// <summary>Subscriptions refused by the ACL: a device reading anything but its own prompts.</summary>
    public long RefusedSubscriptions { get; init; }

    public long RefusedTotal => RefusedOutsideNamespace + RefusedPayloadTooLarge + RefusedConnections + RefusedByAcl + RefusedSubscriptions;
}
