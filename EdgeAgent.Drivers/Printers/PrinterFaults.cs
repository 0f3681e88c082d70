namespace EdgeAgent.Drivers.Printers;

/// <summary>Why a printer cannot take jobs now: what its status says, or what its link did. Several at once.</summary>
[Flags]
public enum PrinterFaults
{
    None = 0,
    PaperOut = 1 << 0,
    Paused = 1 << 1,
    HeadOpen = 1 << 2,
    RibbonOut = 1 << 3,
    OverTemperature = 1 << 4,
    CorruptRam = 1 << 5,

    /// <summary>Connected, but <c>~HS</c> got no complete answer in time: Zebra printers go silent on media out, ribbon out, head open.</summary>
    NoResponse = 1 << 8,

    /// <summary>The TCP connect was refused or timed out.</summary>
    ConnectionRefused = 1 << 9,

    /// <summary>The connection broke while writing or reading (reset, closed mid-reply).</summary>
    ConnectionLost = 1 << 10,

    /// <summary>The printer answered <c>~HS</c> with something that is not a host status.</summary>
    BadStatusReply = 1 << 11,
}
