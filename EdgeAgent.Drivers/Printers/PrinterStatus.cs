namespace EdgeAgent.Drivers.Printers;

/// <summary>A printer's answer to <c>~HS</c> (host status), all three strings, typed.</summary>
public sealed record PrinterStatus
{
    // String 1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l
    public required int CommunicationSettings { get; init; }
    public required bool PaperOut { get; init; }
    public required bool Paused { get; init; }
    public required int LabelLengthDots { get; init; }
    public required int FormatsInBuffer { get; init; }
    public required bool BufferFull { get; init; }
    public required bool DiagnosticMode { get; init; }
    public required bool PartialFormat { get; init; }
    public required bool CorruptRam { get; init; }
    public required bool UnderTemperature { get; init; }
    public required bool OverTemperature { get; init; }

    // String 2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www
    public required int FunctionSettings { get; init; }
    public required bool HeadOpen { get; init; }
    public required bool RibbonOut { get; init; }
    public required bool ThermalTransfer { get; init; }
    public required PrintMode PrintMode { get; init; }
    public required int PrintWidthMode { get; init; }
    public required bool LabelWaiting { get; init; }

    /// <summary>Labels remaining in the batch: string 2, field 9 (not the always-zero field of string 1).</summary>
    public required int LabelsRemaining { get; init; }
    public required bool FormatWhilePrinting { get; init; }
    public required int GraphicsStored { get; init; }

    // String 3: xxxx,y
    public required int Password { get; init; }
    public required bool StaticRamInstalled { get; init; }

    /// <summary>The conditions in this status that stop a printer from printing.</summary>
    public PrinterFaults Faults =>
        (PaperOut ? PrinterFaults.PaperOut : PrinterFaults.None)
        | (Paused ? PrinterFaults.Paused : PrinterFaults.None)
        | (HeadOpen ? PrinterFaults.HeadOpen : PrinterFaults.None)
        | (RibbonOut ? PrinterFaults.RibbonOut : PrinterFaults.None)
        | (OverTemperature ? PrinterFaults.OverTemperature : PrinterFaults.None)
        | (CorruptRam ? PrinterFaults.CorruptRam : PrinterFaults.None);
}
