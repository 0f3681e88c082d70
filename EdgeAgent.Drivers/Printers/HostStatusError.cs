namespace EdgeAgent.Drivers.Printers;

/// <summary>Why a <c>~HS</c> reply could not be read as a <see cref="PrinterStatus"/>.</summary>
public enum HostStatusError
{
    None = 0,

    /// <summary>Nothing but line ends.</summary>
    Empty,

    /// <summary>Bytes outside the <c>STX … ETX</c> frames, or a frame inside a frame.</summary>
    NotFramed,

    /// <summary>Fewer than three complete frames: the reply stopped early.</summary>
    Truncated,

    /// <summary>More than three frames.</summary>
    TooManyFrames,

    /// <summary>A string has more or fewer comma-separated fields than the layout.</summary>
    WrongFieldCount,

    /// <summary>A field is not a number, or a flag is not 0 or 1, or a print mode is unknown.</summary>
    BadFieldValue,
}
