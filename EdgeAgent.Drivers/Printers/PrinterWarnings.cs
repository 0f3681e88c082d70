namespace EdgeAgent.Drivers.Printers;

/// <summary>The warning bits of <c>~HQES</c>, laid out as <see cref="PrinterErrors"/>.</summary>
[Flags]
public enum PrinterWarnings : long
{
    None = 0,
    CalibrateMedia = 0x1,
    CleanPrinthead = 0x2,
    ReplacePrinthead = 0x4,
    PaperNearEnd = 0x8,
}
