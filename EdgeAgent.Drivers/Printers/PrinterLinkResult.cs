namespace EdgeAgent.Drivers.Printers;

/// <summary>The outcome of a connect or a write on a printer link.</summary>
public sealed record PrinterLinkResult(PrinterLinkError Error, string? Detail = null)
{
    public static readonly PrinterLinkResult Ok = new(PrinterLinkError.None);

    public bool IsOk => Error == PrinterLinkError.None;
}
