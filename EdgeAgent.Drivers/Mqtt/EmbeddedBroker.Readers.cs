using System.Collections.Concurrent;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// Admission by reader (<see cref="EmbeddedBrokerOptions.ReadersByKind"/>). A conveyor scanner or an IO-Link master
/// reads nothing but the broker's PUBACK, and MQTTnet answers a publish nobody subscribed to with success
/// (<c>NoMatchingSubscribers</c>) and drops it. So a device of such a kind is let in only while the agent's session
/// that stores that kind holds a subscription covering it, as the server reports it once the subscription is stored; before
/// that (the agent starting, its session for the family not yet subscribed) its CONNECT is refused with
/// <c>ServerUnavailable</c>, which devices retry, and what it has to say stays on the device. When the agent's session
/// loses its subscription (it went away), the devices of the kinds nobody reads any more are disconnected and wait at
/// connect again.
/// </summary>
public sealed partial class EmbeddedBroker
{
    // The topic filters each of the agent's sessions holds on the running server, by session id.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _agentFilters = new(StringComparer.Ordinal);
    private readonly Lock _readersGate = new();
    private long _refusedUntilRead;

    /// <summary>Whether the agent's session named for <paramref name="kind"/> now holds a subscription covering the topics of its devices.</summary>
    public bool IsRead(string kind) =>
        _options.ReadersByKind.TryGetValue(kind, out var session)
        && _agentFilters.TryGetValue(session, out var filters)
        && filters.Keys.Any(filter => Covers(filter, _options.Site, kind));

    /// <summary>Whether <paramref name="filter"/> matches the topics of every device of <paramref name="kind"/> (<c>dc/{site}/{kind}/{id}/…</c>).</summary>
    internal static bool Covers(string filter, string site, string kind)
    {
        var levels = filter.Split('/');
        string[] wanted = [DeviceTopic.Root, site, kind];
        for (var i = 0; i < wanted.Length; i++)
        {
            if (i >= levels.Length)
            {
                return false;
            }

            if (levels[i] == "#")
            {
                return true;
            }

            if (levels[i] != "+" && levels[i] != wanted[i])
            {
                return false;
            }
        }

        // The device id and the channel follow the kind.
        return levels.Length > wanted.Length;
    }

    private bool MustWaitForReader(ClientIdentity who) =>
        !who.IsAgent && _options.ReadersByKind.ContainsKey(who.Kind) && !IsRead(who.Kind);

    private void RefuseUntilRead(ValidatingConnectionEventArgs args, ClientIdentity who)
    {
        Interlocked.Increment(ref _refusedUntilRead);
        args.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
        args.ReasonString = $"the agent does not read {who.Kind} devices yet (it is starting); connect again shortly";
        if (_refusalLogLimiter.ShouldLog("no-reader\n" + who.Kind, out var suppressed))
        {
            LogRefusedUntilRead(who.Id, who.Kind, suppressed);
        }
    }

    private Task OnClientSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        if (!IsAgentSession(args.ClientId))
        {
            return Task.CompletedTask;
        }

        lock (_readersGate)
        {
            var before = KindsRead();
            _agentFilters.GetOrAdd(args.ClientId, static _ => new(StringComparer.Ordinal))[args.TopicFilter.Topic] = 0;
            foreach (var kind in KindsRead().Except(before))
            {
                LogKindRead(kind, args.ClientId, args.TopicFilter.Topic);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnClientUnsubscribedAsync(ClientUnsubscribedTopicEventArgs args)
    {
        if (IsAgentSession(args.ClientId))
        {
            Forget(args.ClientId, args.TopicFilter);
        }

        return Task.CompletedTask;
    }

    private Task OnSessionDeletedAsync(SessionDeletedEventArgs args)
    {
        if (IsAgentSession(args.Id))
        {
            Forget(args.Id, filter: null);
        }

        return Task.CompletedTask;
    }

    /// <summary>One of the agent's sessions lost one subscription (or, with a null filter, all of them).</summary>
    private void Forget(string sessionId, string? filter)
    {
        string[] lost;
        lock (_readersGate)
        {
            var before = KindsRead();
            if (filter is null)
            {
                _agentFilters.TryRemove(sessionId, out _);
            }
            else if (_agentFilters.TryGetValue(sessionId, out var filters))
            {
                filters.TryRemove(filter, out _);
            }

            lost = [.. before.Except(KindsRead())];
        }

        // A stopping server (null here) deletes every session: nobody is left to disconnect.
        if (lost.Length == 0 || _server is not { } server)
        {
            return;
        }

        LogKindUnread(string.Join(", ", lost), sessionId);
        _ = Task.Run(() => DisconnectDevicesAsync(server, lost));
    }

    private HashSet<string> KindsRead() => [.. _options.ReadersByKind.Keys.Where(IsRead)];

    private async Task DisconnectDevicesAsync(MqttServer server, string[] kinds)
    {
        try
        {
            foreach (var client in await server.GetClientsAsync())
            {
                if (FindDevice(client.Id) is { } device && kinds.Contains(device.Kind, StringComparer.Ordinal))
                {
                    await client.DisconnectAsync(new MqttServerClientDisconnectOptions
                    {
                        ReasonCode = MqttDisconnectReasonCode.ServerBusy,
                        ReasonString = $"the agent no longer reads {device.Kind} devices; connect again shortly",
                    });
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            LogDisconnectDevicesFailed(string.Join(", ", kinds), ex);
        }
    }
}
