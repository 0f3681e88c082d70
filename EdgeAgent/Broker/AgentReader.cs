namespace EdgeAgent.Broker;

/// <summary>
/// A device kind whose devices read nothing but the broker's PUBACK (conveyor scanners, IO-Link masters), and the role
/// of the agent's session that reads and stores it (<see cref="AgentBroker.SessionRoles"/>): the embedded broker admits
/// such a device only while that session is subscribed, so it never acknowledges a message nobody would store.
/// Registered by the part that opens the session (<see cref="BrokerServiceCollectionExtensions.AddAgentReader"/>).
/// </summary>
public sealed record AgentReader(string Kind, string Role);
