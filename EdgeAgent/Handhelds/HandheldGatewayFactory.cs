using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Presence;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Handhelds;

/// <summary>
/// Builds the handheld gateway on the agent's broker session. A factory, because an embedded broker on port 0
/// knows its port only once started: <see cref="HandheldLoop"/> calls it when it starts, after the broker.
/// </summary>
public sealed class HandheldGatewayFactory(
    IOptions<AgentOptions> agent,
    IOptions<HandheldOptions> handhelds,
    AgentBroker broker,
    PresenceTracker presence,
    ILoggerFactory loggers,
    TimeProvider time)
{
    public HandheldGateway Create() => new(
        Options.Create(new HandheldGatewayOptions
        {
            Site = agent.Value.Site,
            MaxPayloadBytes = handhelds.Value.MaxPayloadBytes,
            Connection = broker.AgentConnection(),
        }),
        loggers.CreateLogger<HandheldGateway>(),
        time,
        presence);
}
