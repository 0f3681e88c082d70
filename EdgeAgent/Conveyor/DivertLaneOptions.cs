namespace EdgeAgent.Conveyor;

/// <summary>
/// One divert lane of the sorter: what fires its actuator (a GPIO output, a PLC tag over MQTT, or both) and the
/// carriers it serves.
/// </summary>
public sealed class DivertLaneOptions
{
    public string Name { get; set; } = "";

    /// <summary>The output pin (on the line's chip) pulsed to push a carton into this lane; null when a PLC drives it.</summary>
    public int? Pin { get; set; }

    /// <summary>
    /// The PLC adapter (a broker client of kind <c>plc</c>) that drives this lane's actuator: each divert to the lane is
    /// published, QoS 1, on <c>dc/{site}/plc/{Plc}/divert</c>. Null when a GPIO output drives it.
    /// </summary>
    public string? Plc { get; set; }

    /// <summary>The PLC tag the adapter writes for this lane (e.g. <c>Sorter.Lane3.Divert</c>); required with <see cref="Plc"/>.</summary>
    public string? PlcTag { get; set; }

    /// <summary>Carriers whose cartons leave by this lane (case-insensitive); empty for the reject lane.</summary>
    public List<string> Carriers { get; } = [];
}
