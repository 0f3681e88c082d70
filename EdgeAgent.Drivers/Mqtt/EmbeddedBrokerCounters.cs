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

    /// <summary>Messages the broker accepted but dropped from a full session queue, by receiving client id.</summary>
    public IReadOnlyDictionary<string, long> DroppedByClient { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Devices' publishes held unacknowledged by backpressure because an agent session's queue was filling.</summary>
    public long PublishesHeld { get; init; }

    /// <summary>Holds that reached their longest wait and let the message be queued anyway.</summary>
    public long HoldsTimedOut { get; init; }

    /// <summary>
    /// Connections of devices refused with <c>ServerUnavailable</c> because no agent session read their kind yet
    /// (<see cref="EmbeddedBrokerOptions.ReadersByKind"/>); the devices retry. Not in <see cref="RefusedTotal"/>.
    /// </summary>
    public long RefusedUntilRead { get; init; }

    /// <summary>All messages dropped from full session queues.</summary>
    public long Dropped => DroppedByClient.Values.Sum();

    public long RefusedTotal => RefusedOutsideNamespace + RefusedPayloadTooLarge + RefusedConnections + RefusedByAcl + RefusedSubscriptions;

    // A snapshot compares by what it counts, the per-client drops included, not by the dictionary's identity.
    public bool Equals(EmbeddedBrokerCounters? other) =>
        other is not null
        && RefusedOutsideNamespace == other.RefusedOutsideNamespace
        && RefusedPayloadTooLarge == other.RefusedPayloadTooLarge
        && RefusedConnections == other.RefusedConnections
        && RefusedByAcl == other.RefusedByAcl
        && RefusedSubscriptions == other.RefusedSubscriptions
        && DroppedByClient.Count == other.DroppedByClient.Count
        && DroppedByClient.All(d => other.DroppedByClient.TryGetValue(d.Key, out var n) && n == d.Value);

    public override int GetHashCode() => HashCode.Combine(RefusedOutsideNamespace, RefusedPayloadTooLarge, RefusedConnections, RefusedByAcl, RefusedSubscriptions, Dropped);
}
