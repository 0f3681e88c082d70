namespace EdgeAgent.Conveyor;

/// <summary>One divert lane of the sorter: the GPIO output that fires its actuator, and the carriers it serves.</summary>
public sealed class DivertLaneOptions
{
    public string Name { get; set; } = "";

    /// <summary>The output pin (on the line's chip) pulsed to push a carton into this lane.</summary>
    public int Pin { get; set; }

    /// <summary>Carriers whose cartons leave by this lane (case-insensitive); empty for the reject lane.</summary>
    public List<string> Carriers { get; } = [];
}
