namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// The error bits of <c>~HQES</c>: the last group of eight hex digits is the low 32 bits (its
/// rightmost digit is "nibble 1"), the group before it the high 32 bits. Several can be set at once.
/// </summary>
[Flags]
public enum PrinterErrors : long
{
    None = 0,
    MediaOut = 0x1,
    RibbonOut = 0x2,
    HeadOpen = 0x4,
    CutterFault = 0x8,
    HeadOverTemperature = 0x10,
    MotorOverTemperature = 0x20,
    BadPrintElement = 0x40,
    HeadDetectionError = 0x80,
    Paused = 0x10000,
}
