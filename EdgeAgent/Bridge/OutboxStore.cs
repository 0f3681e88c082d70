using CloudBridge.Outbox;
using EdgeAgent.Storage;
using LiteDB;

namespace EdgeAgent.Bridge;

/// <summary>The bridge's outbox reads and acks go through the agent's one writer, like every other write (public so the bench drains the store the agent runs).</summary>
public sealed class OutboxStore(DurableStore store) : IOutboxStore
{
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct) => store.WriteAsync(change, ct);

    public Task<T> WriteWithNextAsync<T>(Func<LiteDatabase, T> change, TimeSpan within, CancellationToken ct) => store.WriteWithNextAsync(change, within, ct);

    /// <summary>The device and lane of the downlink cursor's mark in the store's acknowledgement record.</summary>
    public const string DownlinkDevice = "downlink";

    /// <inheritdoc cref="DownlinkDevice"/>
    public const string DownlinkLane = "commands";

    public Task<T> WriteAppliedAsync<T>(Func<LiteDatabase, T> change, long cursor, CancellationToken ct) =>
        store.WriteAsync(change, new AckMark(DownlinkDevice, DownlinkLane, cursor), ct);

    public T Read<T>(Func<LiteDatabase, T> query) => store.Read(query);
}
