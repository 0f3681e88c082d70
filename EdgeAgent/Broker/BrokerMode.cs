namespace EdgeAgent.Broker;

public enum BrokerMode
{
    /// <summary>The MQTTnet server runs inside the agent (the default: no setup).</summary>
    Embedded = 0,

    /// <summary>The agent connects to a broker the site runs (Mosquitto, EMQX, NATS with MQTT).</summary>
    External = 1,
}
