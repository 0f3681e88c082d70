using MQTTnet.Server;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// Backpressure on the agent's own session queues. MQTTnet 5.2 dispatches a device's publish, and only then sends
/// its PUBACK, from that connection's receive loop, awaiting the enqueue interceptor for each receiving session on
/// the way. So while an agent session's queue is at <see cref="EmbeddedBrokerOptions.BackpressurePercent"/> of its
/// limit, a device's publish to it is held there: the device gets no PUBACK and the broker reads nothing more from
/// that connection, so the device slows down instead of the queue dropping messages it already acknowledged.
/// A hold is bounded (<see cref="EmbeddedBrokerOptions.BackpressureMaxWaitMilliseconds"/>, under any keep-alive);
/// past it the message is queued as before, and a drop, should one follow, is still counted and alarmed.
/// </summary>
public sealed partial class EmbeddedBroker
{
    private static readonly TimeSpan HoldPollInterval = TimeSpan.FromMilliseconds(5);
    private long _publishesHeld;
    private long _holdsTimedOut;

    /// <summary>Pending messages of an agent session at which devices' publishes to it are held; 0 when off.</summary>
    public int BackpressureThreshold => _options.BackpressurePercent == 0
        ? 0
        : Math.Max(1, (int)((long)_options.MaxPendingMessagesPerSession * _options.BackpressurePercent / 100));

    private async Task OnInterceptingClientEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        int threshold = BackpressureThreshold;
        if (threshold == 0 || _server is not { } server || !IsAgentSession(args.ReceiverClientId) || IsAgentSession(args.SenderClientId))
        {
            // The agent's own publishes (prompts) are never held: the agent drains its queue by answering.
            return;
        }

        long pending = await PendingAsync(server, args.ReceiverClientId);
        if (pending < threshold)
        {
            return;
        }

        Interlocked.Increment(ref _publishesHeld);
        if (_overflowLogLimiter.ShouldLog("backpressure:" + args.ReceiverClientId, out var suppressed))
        {
            LogBackpressure(args.SenderClientId, args.ReceiverClientId, pending, _options.MaxPendingMessagesPerSession, suppressed);
        }

        var maxWait = TimeSpan.FromMilliseconds(_options.BackpressureMaxWaitMilliseconds);
        var started = _timeProvider.GetTimestamp();
        while (await PendingAsync(server, args.ReceiverClientId) >= threshold)
        {
            if (_timeProvider.GetElapsedTime(started) >= maxWait)
            {
                Interlocked.Increment(ref _holdsTimedOut);
                return;
            }

            await Task.Delay(HoldPollInterval, _timeProvider);
        }
    }

    private bool IsAgentSession(string? clientId) =>
        clientId is not null
        && (clientId == _options.AgentClientId || clientId.StartsWith(_options.AgentClientId + "-", StringComparison.Ordinal));

    private static async Task<long> PendingAsync(MqttServer server, string sessionId)
    {
        try
        {
            return (await server.GetSessionAsync(sessionId)).PendingApplicationMessagesCount;
        }
        catch (InvalidOperationException)
        {
            // The session is gone (or the server stopping): nothing is queued for it any more.
            return 0;
        }
    }
}
