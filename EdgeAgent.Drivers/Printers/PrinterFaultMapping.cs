namespace EdgeAgent.Drivers.Printers;

internal static class PrinterFaultMapping
{
    public static PrinterFaults FromLinkError(PrinterLinkError error) => error switch
    {
        PrinterLinkError.None => PrinterFaults.None,
        PrinterLinkError.ConnectionRefused or PrinterLinkError.ConnectTimeout => PrinterFaults.ConnectionRefused,
        PrinterLinkError.NoResponse => PrinterFaults.NoResponse,
        PrinterLinkError.BadReply => PrinterFaults.BadStatusReply,
        _ => PrinterFaults.ConnectionLost,
    };
}
