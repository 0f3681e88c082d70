using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Plc;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Sensors;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Conveyor;

/// <summary>
/// Builds the line's MQTT sessions (the fixed scanners, the IO-Link masters) on the agent's broker. A factory,
/// because an embedded broker on port 0 knows its port only once started: the line calls it when it starts.
/// The scanners' and the IO-Link masters' sessions are persistent (<see cref="BrokerOptions.SessionExpiry"/>): those
/// devices read only the broker's PUBACK and never resend, so an external broker keeps what they publish while the
/// agent is down, and the store's numbers (<see cref="DeviceSequences"/>) tell a redelivery from a new message.
/// </summary>
public sealed class ConveyorSessions(
    IOptions<ConveyorOptions> options,
    IOptions<AgentOptions> agent,
    AgentBroker broker,
    PresenceTracker presence,
    ILoggerFactory loggers,
    TimeProvider time)
{
    /// <summary>The role (<see cref="AgentBroker.SessionRoles"/>) of the session reading the fixed scanners.</summary>
    public const string ScannersRole = "scanners";

    /// <summary>The role of the session reading the IO-Link masters.</summary>
    public const string IoLinkRole = "iolink";

    public ConveyorScannerGateway Scanners() => new(
        Options.Create(new ConveyorScannerGatewayOptions { Site = agent.Value.Site, Connection = broker.AgentConnection(ScannersRole, persistent: true) }),
        loggers.CreateLogger<ConveyorScannerGateway>(),
        time,
        presence);

    /// <summary>The session publishing divert commands to the sorter's PLCs; null when no divert lane names a PLC.</summary>
    public PlcDivertPublisher? Plc()
    {
        var divert = options.Value.Divert;
        if (!divert.Enabled || !divert.Lanes.Append(divert.Reject!).Any(l => l.Plc is not null))
        {
            return null;
        }

        return new PlcDivertPublisher(agent.Value.Site, broker.AgentConnection("plc"), loggers.CreateLogger<PlcDivertPublisher>(), time);
    }

    /// <summary>The IO-Link session feeding <paramref name="feed"/>, each master's numbers to <paramref name="onNumbered"/>; null when no IO-Link port is mapped.</summary>
    public IoLinkGateway? IoLink(SensorFeed feed, Func<IoLinkMessageNumber, CancellationToken, Task>? onNumbered = null)
    {
        var ioLink = options.Value.IoLink;
        if (ioLink.Ports.Count == 0)
        {
            return null;
        }

        ioLink.Site = agent.Value.Site;
        var reader = new IoLinkPortReader(ioLink, feed, time, loggers.CreateLogger<IoLinkPortReader>());
        return new IoLinkGateway(ioLink, broker.AgentConnection(IoLinkRole, persistent: true), reader, loggers.CreateLogger<IoLinkGateway>(), time, presence, onNumbered);
    }
}
