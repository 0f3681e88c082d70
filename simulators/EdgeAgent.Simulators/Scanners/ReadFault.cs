namespace EdgeAgent.Simulators.Scanners;

/// <summary>What a faulty read looks like, as conveyors produce them.</summary>
public enum ReadFault
{
    /// <summary>An SSCC whose check digit is off by one.</summary>
    BadCheckDigit,

    /// <summary>A GS1-128 read cut short (carton moved, label torn).</summary>
    Truncated,

    /// <summary>Bytes that are no bar code at all (glare, misread).</summary>
    Garbage,
}
