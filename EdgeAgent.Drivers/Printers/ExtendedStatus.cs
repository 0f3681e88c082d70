namespace EdgeAgent.Drivers.Printers;

/// <summary>A printer's answer to <c>~HQES</c>. Unknown bits are kept in the values, so nothing the printer said is lost.</summary>
public sealed record ExtendedStatus(bool HasErrors, PrinterErrors Errors, bool HasWarnings, PrinterWarnings Warnings)
{
    /// <summary>The errors that stop printing, as the group's fault flags.</summary>
    public PrinterFaults Faults =>
        (Errors.HasFlag(PrinterErrors.MediaOut) ? PrinterFaults.PaperOut : PrinterFaults.None)
        | (Errors.HasFlag(PrinterErrors.RibbonOut) ? PrinterFaults.RibbonOut : PrinterFaults.None)
        | (Errors.HasFlag(PrinterErrors.HeadOpen) ? PrinterFaults.HeadOpen : PrinterFaults.None)
        | (Errors.HasFlag(PrinterErrors.Paused) ? PrinterFaults.Paused : PrinterFaults.None)
        | ((Errors & (PrinterErrors.HeadOverTemperature | PrinterErrors.MotorOverTemperature)) != 0 ? PrinterFaults.OverTemperature : PrinterFaults.None);
}
