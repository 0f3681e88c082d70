namespace EdgeAgent.Drivers.Plc;

/// <summary>What became of one divert command published to a PLC.</summary>
public enum PlcDivertResult
{
    /// <summary>The broker acknowledged it and a PLC is subscribed (or the broker, MQTT 3.1.1-style, did not say).</summary>
    Published,

    /// <summary>The broker took it but no PLC adapter is subscribed: nothing will fire the actuator.</summary>
    NoPlcSubscribed,

    /// <summary>The broker refused it (its reason code was a failure).</summary>
    Refused,

    /// <summary>The agent's session to the broker is down: not sent.</summary>
    NotConnected,
}
