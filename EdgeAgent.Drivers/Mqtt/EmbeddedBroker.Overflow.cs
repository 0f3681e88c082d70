using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MQTTnet.Server;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// MQTTnet drops the oldest queued message when a session's queue is full, after the publisher was already
/// acknowledged; the only trace is an event. Every such drop is counted per receiving client and alarmed.
/// </summary>
public sealed partial class EmbeddedBroker
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _droppedByClient = new(StringComparer.Ordinal);

    private Task OnQueuedMessageOverwrittenAsync(QueueMessageOverwrittenEventArgs args)
    {
        var clientId = args.ReceiverClientId ?? string.Empty;
        var dropped = Interlocked.Increment(ref _droppedByClient.GetOrAdd(clientId, static _ => new StrongBox<long>()).Value);
        if (_overflowLogLimiter.ShouldLog(clientId, out var suppressed))
        {
            LogMessagesDropped(clientId, _options.MaxPendingMessagesPerSession, dropped, suppressed);
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, long> DroppedSnapshot() =>
        _droppedByClient.ToDictionary(d => d.Key, d => Interlocked.Read(ref d.Value.Value), StringComparer.Ordinal);
}
