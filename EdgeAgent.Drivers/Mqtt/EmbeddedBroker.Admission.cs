using System.Collections.Concurrent;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// Devices let in while the broker runs (a handheld enrolled from the console) besides the configured
/// <see cref="EmbeddedBrokerOptions.Clients"/>, and their revocation, which also ends the device's connection at once.
/// </summary>
public sealed partial class EmbeddedBroker
{
    private readonly ConcurrentDictionary<string, BrokerClient> _admitted = new(StringComparer.Ordinal);

    /// <summary>Lets <paramref name="clientId"/> connect with the password <paramref name="client"/> hashes, as a configured device would.</summary>
    /// <exception cref="ArgumentException">The id is not a topic segment, or a configured device already has it.</exception>
    public void Admit(string clientId, BrokerClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!DeviceTopic.IsValidSegment(clientId) || !DeviceTopic.IsValidSegment(client.Kind))
        {
            throw new ArgumentException($"'{clientId}' (kind '{client.Kind}') is not a valid device id and kind.", nameof(clientId));
        }

        if (IsConfigured(clientId))
        {
            throw new ArgumentException($"'{clientId}' is a configured device; it cannot be admitted a second time.", nameof(clientId));
        }

        _admitted[clientId] = client;
    }

    /// <summary>Whether the site file already names a device with this id (or it is one of the agent's own sessions).</summary>
    public bool IsConfigured(string clientId) =>
        _options.Clients.ContainsKey(clientId)
        || clientId == _options.AgentClientId
        || clientId.StartsWith(_options.AgentClientId + "-", StringComparison.Ordinal);

    /// <summary>
    /// Refuses <paramref name="clientId"/> from now on and disconnects it if it is connected; its session is removed,
    /// so nothing queued for it is delivered to whoever connects next. False when it was not admitted.
    /// </summary>
    public async Task<bool> RevokeAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!_admitted.TryRemove(clientId, out _))
        {
            return false;
        }

        if (_server is not { } server)
        {
            return true;
        }

        var clients = await server.GetClientsAsync();
        foreach (var client in clients.Where(c => c.Id == clientId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = "this device was revoked" });
        }

        var sessions = await server.GetSessionsAsync();
        foreach (var session in sessions.Where(s => s.Id == clientId))
        {
            await session.DeleteAsync();
        }

        return true;
    }

    private BrokerClient? FindDevice(string clientId) =>
        _options.Clients.TryGetValue(clientId, out var configured) ? configured : _admitted.GetValueOrDefault(clientId);
}
