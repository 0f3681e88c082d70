namespace EdgeAgent.Broker;

/// <summary>
/// A device kind one of the agent's sessions reads and whose devices read nothing but the broker's PUBACK (conveyor
/// scanners, IO-Link masters): the embedded broker admits such a device only while that session is subscribed, so it
/// never acknowledges a message nobody would store. Registered by the part that opens the session
/// (<see cref="BrokerServiceCollectionExtensions.AddAgentReader"/>).
/// </summary>
public sealed record AgentReader(string Kind);
