namespace EdgeAgent.Drivers.Sensors;

/// <summary>What <see cref="IoLinkPortReader.Receive"/> made of one MQTT message.</summary>
public enum IoLinkReadResult
{
    /// <summary>The sensor changed state: a <see cref="SensorChanged"/> went to the feed.</summary>
    Changed,

    /// <summary>The same state again (masters publish cyclically): nothing reported.</summary>
    Unchanged,

    /// <summary>A <c>seq</c> not above the last one seen on that port: a redelivery, ignored.</summary>
    Duplicate,

    /// <summary>Not JSON, the wrong shape, an unknown version, or too large: counted and dropped.</summary>
    Malformed,

    /// <summary>A port of this site that the pin map does not name.</summary>
    UnknownPort,

    /// <summary>Not an IO-Link port topic of this site.</summary>
    NotAPortTopic,
}
